// The transforms area: start a run of the dbt project (finance, admin), list runs, read one with its nodes.
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import { LedgerError } from '../ingest/index.ts';
import { isoTimestamp, type Schedules } from '../schedules/index.ts';
import { getRun, listRunNodes, listRuns, RUNS_LIST_MAX } from '../transform/index.ts';
import { type AppEnv, FINANCE_ROLES } from './env.ts';
import { type Area, route } from './route.ts';
import { TransformRunDetail, TransformRunList, TransformRunStarted } from './transform-shapes.ts';

/** Selectors one request may carry, and characters in one. */
export const SELECTORS_MAX = 20;
export const SELECTOR_CHARS_MAX = 200;
const RUNS_PATH = '/api/v1/transforms/runs';

const Selector = z
  .string()
  .min(1)
  .max(SELECTOR_CHARS_MAX)
  .regex(/^[A-Za-z0-9_+:/. -]+$/, 'a dbt selector: name, name+, +name, tag:x or path:dir');

export const TransformRunInput = z.strictObject({
  full: z.boolean().default(false).describe('dbt --full-refresh: rebuild incremental models from the facts'),
  select: z.array(Selector).max(SELECTORS_MAX).optional().describe('dbt --select, entries unioned'),
  command: z.enum(['build', 'run', 'test']).default('build').describe('build: models and tests'),
  wait: z.boolean().default(false).describe('answer 200 with the finished run instead of 202 at once'),
});
type TransformRunInput = z.output<typeof TransformRunInput>;

export const RunsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(RUNS_LIST_MAX).default(20),
});
export const RunParams = z.strictObject({ id: z.string().min(1).max(100) });

/**
 * Starts the run and answers once it has started (202, Location of the run), or when it has finished
 * (`wait`: 200 with the run and its nodes). A run already going answers 409 `transform_already_running`;
 * a bad selector 422 `selector_invalid` or 404 `selector_matches_nothing`, before anything runs.
 */
async function startRun(c: Context<AppEnv>, schedules: Schedules, input: TransformRunInput) {
  const runId = randomUUID();
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const run = schedules.transforms.run({
    full: input.full,
    select: input.select,
    command: input.command,
    runId,
    whenBusy: 'throw',
    onProgress: (event) => {
      if (event.type === 'start') markStarted();
    },
  });
  if (input.wait) {
    await run;
    return c.json(await runDetail(schedules, runId), 200);
  }
  let isAnswered = false;
  // After the 202 the run goes on alone: a failure before it answers is the answer, a later one is only logged.
  run.catch((error: unknown) => {
    if (isAnswered) console.error(`[ledgerline api] transform run ${runId} failed:`, error);
  });
  await Promise.race([started, run]);
  isAnswered = true;
  const location = `${RUNS_PATH}/${runId}`;
  c.header('Location', location);
  const selector = input.select && input.select.length > 0 ? input.select.join(' ') : null;
  const mode = input.full ? 'full' : 'incremental';
  return c.json({ run_id: runId, status: 'running', command: input.command, mode, selector, location }, 202);
}

function runJson(row: Record<string, unknown>) {
  return { ...row, started_at: isoTimestamp(row.started_at), finished_at: isoTimestamp(row.finished_at) };
}

function nodeJson(row: Record<string, unknown>) {
  return {
    ...row,
    rows: row.rows === null || row.rows === undefined ? null : Number(row.rows),
    finished_at: isoTimestamp(row.finished_at),
  };
}

async function runDetail(schedules: Schedules, runId: string) {
  const run = await getRun(schedules.ledger.db, runId);
  if (!run) throw new LedgerError('not_found', 'transform_run_not_found', `no transform run ${runId}`);
  const nodes = await listRunNodes(schedules.ledger.db, runId);
  return { ...runJson(run), nodes: nodes.map(nodeJson) };
}

export function transformsArea(schedules: Schedules): Area {
  const routes = [
    route({
      method: 'post',
      path: '/run',
      id: 'runTransform',
      summary: 'Run the dbt project on the ledger (202 at once, or 200 when it has finished with wait=true)',
      access: FINANCE_ROLES,
      body: TransformRunInput,
      bodyOptional: true,
      responses: {
        202: { description: 'started; poll the Location for its status', schema: TransformRunStarted },
        200: { description: 'wait=true: the finished run, whatever its status', schema: TransformRunDetail },
        404: { description: 'a selector matches nothing (`selector_matches_nothing`)' },
        409: { description: 'a transform is already running (`transform_already_running`)' },
      },
      handle: (c, { body }) => startRun(c, schedules, body),
    }),
    route({
      method: 'get',
      path: '/runs',
      id: 'listTransformRuns',
      summary: 'Transform runs, newest first (scheduled, refresher and manual ones)',
      access: FINANCE_ROLES,
      query: RunsQuery,
      responses: { 200: { description: 'runs', schema: TransformRunList } },
      handle: async (c, { query }) =>
        c.json({ rows: (await listRuns(schedules.ledger.db, query.limit)).map(runJson) }),
    }),
    route({
      method: 'get',
      path: '/runs/:id',
      id: 'getTransformRun',
      summary: 'One transform run with its nodes in the order they ran (so far, while it runs)',
      access: FINANCE_ROLES,
      params: RunParams,
      responses: {
        200: { description: 'the run', schema: TransformRunDetail },
        404: { description: 'no such run' },
      },
      handle: async (c, { params }) => c.json(await runDetail(schedules, params.id)),
    }),
  ];
  return { prefix: '/api/v1/transforms', tag: 'transforms', routes };
}
