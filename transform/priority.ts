// Which ready node goes first. Models run one at a time on the run's connection, so the order among the
// ready ones decides when the long chain (facts → fct_journal_lines → the allocations → the balances → their
// tests) starts. Each node's priority is the expected work on the longest path from it to the end of the
// run (its critical path), from how long each node took in the last run of the same mode: the head of the
// long chain runs before the small models beside it, which then fill the time its tests run.
import type { Session } from './session.ts';
import type { NodeResult, RunMode } from './types.ts';

/** The expected milliseconds of a node no earlier run measured: enough to count a chain's length. */
export const UNMEASURED_NODE_MS = 1;

/** Milliseconds per node name, by mode, as the last run of that mode in this process measured them. */
const remembered = new WeakMap<object, Map<RunMode, Map<string, number>>>();

/**
 * How long each node is expected to take: this process's last run of `mode` on `database`, else the newest
 * recorded run of that mode, else the other mode's timings (this process's, else recorded), else nothing
 * (every node then weighs UNMEASURED_NODE_MS). History is read only until this process has run that mode.
 */
export async function expectedDurations(
  session: Session,
  database: object,
  mode: RunMode,
): Promise<Map<string, number>> {
  const byMode = remembered.get(database);
  const other: RunMode = mode === 'full' ? 'incremental' : 'full';
  return (
    byMode?.get(mode) ??
    (await recordedDurations(session, mode)) ??
    byMode?.get(other) ??
    (await recordedDurations(session, other)) ??
    new Map()
  );
}

/** Keeps a finished run's timings for the next run of its mode in this process (over those of the nodes it
 * did not run, when it ran a selection). */
export function rememberDurations(database: object, mode: RunMode, nodes: readonly NodeResult[]): void {
  let byMode = remembered.get(database);
  if (!byMode) {
    byMode = new Map();
    remembered.set(database, byMode);
  }
  const durations = new Map(byMode.get(mode));
  for (const node of nodes) durations.set(node.node, node.durationMs);
  byMode.set(mode, durations);
}

/** The node timings of the newest run of `mode` over the whole project; null when there is none (the history
 * tables exist: the run made sure of them first). */
async function recordedDurations(session: Session, mode: RunMode): Promise<Map<string, number> | null> {
  const rows = await session.rows(
    `select node, duration_ms from meta.transform_model_runs
     where run_id = (
       select run_id from meta.transform_runs
       where mode = ? and selector is null and status in ('success', 'failed')
       order by started_at desc limit 1
     )`,
    [mode],
  );
  if (rows.length === 0) return null;
  return new Map(rows.map((row) => [String(row.node), Number(row.duration_ms)]));
}

/**
 * Each node's priority: its own expected milliseconds plus the largest priority among the nodes that wait
 * for it. `order` is topological (parents first); `parents` lists each node's parents within the run.
 */
export function criticalPaths(
  order: readonly string[],
  parents: ReadonlyMap<string, readonly string[]>,
  expectedMs: (id: string) => number,
): Map<string, number> {
  const behind = new Map<string, number>();
  const priority = new Map<string, number>();
  for (let index = order.length - 1; index >= 0; index--) {
    const id = order[index] as string;
    const own = expectedMs(id) + (behind.get(id) ?? 0);
    priority.set(id, own);
    for (const parent of parents.get(id) ?? []) behind.set(parent, Math.max(behind.get(parent) ?? 0, own));
  }
  return priority;
}

/** The order ready nodes start in: higher priority first, then earlier in run order. */
export function readyOrder(
  priority: ReadonlyMap<string, number>,
  position: ReadonlyMap<string, number>,
): (a: string, b: string) => number {
  return (a, b) =>
    (priority.get(b) ?? 0) - (priority.get(a) ?? 0) || (position.get(a) ?? 0) - (position.get(b) ?? 0);
}

/** The index in `ids` of the node expected to finish soonest (the first of equals). */
export function shortest(ids: readonly string[], expectedMs: (id: string) => number): number {
  let best = 0;
  for (let index = 1; index < ids.length; index++)
    if (expectedMs(ids[index] as string) < expectedMs(ids[best] as string)) best = index;
  return best;
}

/** Puts `id` among the ready nodes (kept in `before` order) where it belongs. */
export function insertInOrder(ready: string[], id: string, before: (a: string, b: string) => number): void {
  const at = ready.findIndex((other) => before(id, other) < 0);
  if (at === -1) ready.push(id);
  else ready.splice(at, 0, id);
}
