// runTransform: one run at a time per process, nodes in DAG order, failures isolated, history and progress.
import { randomUUID } from 'node:crypto';
import type { Database } from '../ingest/db/database.ts';
import { messageOf, TransformError } from './errors.ts';
import { executeNode, type NodeScope } from './execute-node.ts';
import { buildDeps, topologicalOrder } from './graph.ts';
import {
  abandonStaleRuns,
  ensureHistoryTablesOnce,
  lastFactSeq,
  NodeRecorder,
  pruneRunHistory,
  recordRunEnd,
  recordRunStart,
} from './history.ts';
import { type Lanes, openLanes } from './lanes.ts';
import { RelationTypes } from './materialize.ts';
import { buildNodes, type GraphNode } from './nodes.ts';
import {
  criticalPaths,
  expectedDurations,
  insertInOrder,
  readyOrder,
  rememberDurations,
  shortest,
  UNMEASURED_NODE_MS,
} from './priority.ts';
import { selectNodes } from './select.ts';
import { BUILD_SETTINGS, type Session } from './session.ts';
import { testScopeSince } from './test-scope.ts';
import type {
  NodeResult,
  ProgressEvent,
  Project,
  RunCommand,
  RunOptions,
  RunResult,
  RunStatus,
} from './types.ts';
import { RunVersions, sourceVersions } from './unchanged.ts';

/** Per database, how many times a run has published a model or seed in this process (see martsVersion). */
const publishes = new WeakMap<object, number>();

/**
 * A number that changes whenever a run in this process publishes a model or seed on `database`: readers key
 * what they keep of the marts on it (one process owns the file, so no one else publishes). Read it before
 * reading the marts, so a publish during the read leaves the kept value already stale.
 */
export function martsVersion(database: object): number {
  return publishes.get(database) ?? 0;
}

/** Statuses after which a node's dependents cannot run. */
const BLOCKING = new Set(['error', 'fail', 'skipped', 'cancelled']);

let active: Promise<RunResult> | null = null;

/** Builds the selected models (and runs their tests); throws `transform_already_running` unless told to wait. */
export async function runTransform(
  db: Database,
  project: Project,
  options: RunOptions = {},
): Promise<RunResult> {
  while (active) {
    if (options.whenBusy !== 'wait')
      throw new TransformError('transform_already_running', 'a transform is already running in this process');
    await untilSettledOrAborted(active, options.signal);
    // Aborted while waiting: nothing ran, so nothing is recorded (a timed-out job must not queue a ghost run).
    if (options.signal?.aborted)
      throw new TransformError('cancelled', 'the run was cancelled while waiting for another run');
  }
  const run = executeRun(db, project, options);
  active = run;
  try {
    return await run;
  } finally {
    if (active === run) active = null;
  }
}

/** Resolves when `run` settles or `signal` aborts, whichever comes first; never rejects. */
function untilSettledOrAborted(run: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      signal?.removeEventListener('abort', done);
      resolve();
    };
    signal?.addEventListener('abort', done, { once: true });
    if (signal?.aborted) done();
    run.then(done, done);
  });
}

interface Plan {
  nodes: Map<string, GraphNode>;
  deps: Map<string, string[]>;
  order: string[];
}

/** Parses every node, refuses a cycle anywhere in the project, then orders the selected nodes. */
function plan(project: Project, vars: Record<string, unknown>, options: RunOptions): Plan {
  const nodes = buildNodes({ project, vars });
  topologicalOrder(new Map([...nodes.values()].map((node) => [node.id, node.deps])));
  const command = options.command ?? 'build';
  const selected = selectNodes(nodes, options.select);
  const runSet = new Set(
    [...selected].filter((id) =>
      command === 'build' ? true : (nodes.get(id)?.kind === 'test') === (command === 'test'),
    ),
  );
  const deps =
    command === 'build'
      ? buildDeps(nodes, runSet)
      : new Map([...runSet].map((id) => [id, nodes.get(id)?.deps ?? []]));
  return { nodes, deps, order: topologicalOrder(deps) };
}

async function executeRun(db: Database, project: Project, options: RunOptions): Promise<RunResult> {
  const vars = { ...project.vars, ...(options.vars ?? {}) };
  const planned = plan(project, vars, options);
  const lanes = await openLanes(db, options);
  try {
    const session = lanes.main;
    const testSessions = lanes.tests;
    const full = options.full === true;
    // Only an incremental build scopes its tests; `test` (asked for explicitly) and full builds read everything.
    const scoped = !full && (options.command ?? 'build') === 'build' && options.scopeTests !== false;
    await ensureHistoryTablesOnce(session, db);
    // What the run reads before its first node, on a test lane's connection (idle until the first test) while
    // the run's own records its start: each is a few milliseconds of DuckDB planning, so side by side they
    // take less of an incremental build's second.
    const beside = testSessions[0];
    const reads = async (reader: Session) => ({
      testsSince: scoped ? await testScopeSince(reader) : null,
      sources: await sourceVersions(reader, project),
      expected: await expectedDurations(reader, db, full ? 'full' : 'incremental'),
    });
    const [run, before] = beside
      ? await Promise.all([startRun(session, options), reads(beside)])
      : [await startRun(session, options), await reads(session)];
    const { testsSince, sources, expected } = before;
    const started = performance.now();
    const total = planned.order.length;
    notify(options, { type: 'start', node: null, index: 0, total, status: null, ms: 0 });
    const restore = await session.applySettings(BUILD_SETTINGS);
    try {
      const scope = {
        session,
        project,
        nodes: planned.nodes,
        vars,
        full,
        testsSince,
        relations: new RelationTypes(),
        database: db,
        versions: new RunVersions(db, sources),
        keepPasses: !full && run.command === 'build',
      };
      const recorder = new NodeRecorder(lanes.history, run.runId);
      try {
        await runNodes(scope, lanes, planned, expected, run, recorder, options);
      } finally {
        await recorder.flush();
      }
      rememberDurations(db, run.mode, run.nodes);
    } finally {
      await restore();
    }
    await finishRun(session, run, options.signal, db);
    const ms = Math.round(performance.now() - started);
    notify(options, { type: 'end', node: null, index: total, total, status: run.status, ms });
    return run;
  } finally {
    lanes.close();
  }
}

/**
 * Every node as soon as its parents are done; among the ready ones, the one with the longest expected path
 * to the end of the run first (priority.ts), then run order. Models run on the model lanes (the run's own
 * connection first), tests on the test lanes, each lane on its own connection. A scoped test costs
 * milliseconds, most of them DuckDB planning one query on one core, so an incremental build's hundred tests
 * finish sooner two or three at a time.
 */
async function runNodes(
  scope: NodeScope,
  lanes: Pick<Lanes, 'models' | 'tests'>,
  planned: Plan,
  expected: ReadonlyMap<string, number>,
  run: RunResult,
  recorder: NodeRecorder,
  options: RunOptions,
): Promise<void> {
  const blockedBy = new Map<string, string>();
  const total = planned.order.length;
  const position = new Map(planned.order.map((id, index) => [id, index]));
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  const parentsInRun = new Map<string, string[]>();
  for (const id of planned.order) {
    const parents = (planned.deps.get(id) ?? []).filter((parent) => position.has(parent));
    parentsInRun.set(id, parents);
    waiting.set(id, parents.length);
    for (const parent of parents) dependents.set(parent, [...(dependents.get(parent) ?? []), id]);
  }
  const expectedMs = (id: string) => {
    const name = planned.nodes.get(id)?.name;
    return (name === undefined ? undefined : expected.get(name)) ?? UNMEASURED_NODE_MS;
  };
  const before = readyOrder(criticalPaths(planned.order, parentsInRun, expectedMs), position);
  const ready = planned.order.filter((id) => waiting.get(id) === 0).sort(before);
  const idleTestSessions = [...lanes.tests];
  const idleModelSessions = [...lanes.models];
  const results = new Map<string, NodeResult>();
  const running = new Set<Promise<void>>();
  let mainLaneBusy = false;
  let failure: unknown = null;

  const finish = async (id: string, node: GraphNode, result: NodeResult) => {
    results.set(id, result);
    if (node.kind !== 'test' && result.status === 'success' && !result.unchanged)
      publishes.set(scope.database, martsVersion(scope.database) + 1);
    await recorder.record(result, (position.get(id) ?? 0) + 1);
    notifyNode(options, node, result, results.size, total);
    for (const dependent of dependents.get(id) ?? []) {
      const left = (waiting.get(dependent) ?? 0) - 1;
      waiting.set(dependent, left);
      if (left === 0) insertInOrder(ready, dependent, before);
    }
  };

  const start = (id: string, node: GraphNode, session: Session | null, idle: Session[] = []) => {
    const onMainLane = session === null;
    if (onMainLane) mainLaneBusy = true;
    const nodeScope = onMainLane ? scope : { ...scope, session };
    const task = runOne(nodeScope, node, planned.deps.get(id) ?? [], blockedBy, options.signal)
      .then((result) => finish(id, node, result))
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        if (onMainLane) mainLaneBusy = false;
        else idle.push(session);
        running.delete(task);
      });
    running.add(task);
  };

  const isTest = (id: string) => planned.nodes.get(id)?.kind === 'test';
  /** Starts ready nodes of one kind, in readiness order, on the idle lanes of `idle` while any is left. */
  const fill = (idle: Session[], tests: boolean) => {
    for (let index = 0; index < ready.length && idle.length > 0; ) {
      const id = ready[index] as string;
      if (isTest(id) !== tests) {
        index++;
        continue;
      }
      ready.splice(index, 1);
      start(id, planned.nodes.get(id) as GraphNode, idle.pop() as Session, idle);
    }
  };
  while (results.size < total && failure === null) {
    // Tests take the idle test lanes; the main lane takes the first ready model, or, when none is ready, the
    // test expected to be shortest: a test there should hold the models' first lane briefly. Further model
    // lanes take further ready models, never tests.
    fill(idleTestSessions, true);
    if (!mainLaneBusy && ready.length > 0) {
      const model = ready.findIndex((id) => !isTest(id));
      const [id] = ready.splice(model === -1 ? shortest(ready, expectedMs) : model, 1) as [string];
      start(id, planned.nodes.get(id) as GraphNode, null);
    }
    fill(idleModelSessions, false);
    if (running.size === 0) break;
    await Promise.race(running);
  }
  await Promise.allSettled(running);
  if (failure !== null) throw failure;
  // History and the result list nodes in run order, whichever lane finished first.
  for (const id of planned.order) {
    const result = results.get(id);
    if (result) run.nodes.push(result);
  }
}

function notifyNode(options: RunOptions, node: GraphNode, result: NodeResult, index: number, total: number) {
  const type = node.kind === 'test' ? 'test' : 'model';
  notify(options, { type, node: node.name, index, total, status: result.status, ms: result.durationMs });
}

async function startRun(session: Session, options: RunOptions): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  await abandonStaleRuns(session, startedAt);
  const run: RunResult = {
    runId: options.runId ?? randomUUID(),
    command: (options.command ?? 'build') as RunCommand,
    mode: options.full ? 'full' : 'incremental',
    selector: options.select && options.select.length > 0 ? options.select.join(' ') : null,
    status: 'running',
    startedAt,
    finishedAt: startedAt,
    lastFactSeq: await lastFactSeq(session),
    modelsOk: 0,
    modelsFailed: 0,
    modelsSkipped: 0,
    testsFailed: 0,
    nodes: [],
  };
  await recordRunStart(session, run);
  return run;
}

async function runOne(
  scope: NodeScope,
  node: GraphNode,
  parents: string[],
  blockedBy: Map<string, string>,
  signal: AbortSignal | undefined,
): Promise<NodeResult> {
  const started = performance.now();
  const { outcome, blamed } = await attempt(scope, node, parents, blockedBy, signal);
  // Remember which failed node is to blame, so a grandchild's skip names the failure, not its parent's skip.
  if (blamed !== null) blockedBy.set(node.id, blamed);
  const durationMs = Math.round(performance.now() - started);
  return { node: node.name, kind: node.kind, materialized: node.materialized, ...outcome, durationMs };
}

type Outcome = Pick<NodeResult, 'status' | 'rows' | 'error' | 'failingRows' | 'testScope' | 'unchanged'>;

/** Runs the node unless the run was cancelled or a parent did not succeed; its own failure becomes its outcome. */
async function attempt(
  scope: NodeScope,
  node: GraphNode,
  parents: string[],
  blockedBy: Map<string, string>,
  signal: AbortSignal | undefined,
): Promise<{ outcome: Outcome; blamed: string | null }> {
  if (signal?.aborted) return unsuccessful('cancelled', 'the run was cancelled', node.name);
  const blocker = parents.map((id) => blockedBy.get(id)).find((name) => name !== undefined);
  if (blocker)
    return unsuccessful('skipped', `skipped because upstream '${blocker}' did not succeed`, blocker);
  try {
    const { status, rows, failingRows, testScope, unchanged } = await executeNode(scope, node);
    return {
      outcome: { status, rows, error: null, failingRows, testScope, unchanged },
      blamed: BLOCKING.has(status) ? node.name : null,
    };
  } catch (error) {
    const status = error instanceof TransformError && error.code === 'cancelled' ? 'cancelled' : 'error';
    return unsuccessful(status, messageOf(error), node.name);
  }
}

function unsuccessful(status: NodeResult['status'], error: string, blamed: string) {
  const outcome = { status, rows: null, error, failingRows: null, testScope: null, unchanged: false };
  return { outcome, blamed };
}

async function finishRun(
  session: Session,
  run: RunResult,
  signal: AbortSignal | undefined,
  database: object,
): Promise<void> {
  const built = run.nodes.filter((node) => node.kind !== 'test');
  run.modelsOk = built.filter((node) => node.status === 'success').length;
  run.modelsFailed = built.filter((node) => node.status === 'error').length;
  run.modelsSkipped = built.filter((node) => node.status === 'skipped').length;
  run.testsFailed = run.nodes.filter(
    (node) => node.kind === 'test' && ['fail', 'error'].includes(node.status),
  ).length;
  const failed = run.modelsFailed + run.modelsSkipped + run.testsFailed > 0;
  const status: RunStatus = signal?.aborted ? 'cancelled' : failed ? 'failed' : 'success';
  run.status = status;
  run.finishedAt = new Date().toISOString();
  await recordRunEnd(session, run);
  await pruneRunHistory(session, database);
}

function notify(options: RunOptions, event: ProgressEvent): void {
  try {
    options.onProgress?.(event);
  } catch {
    // A broken progress bar must not fail the run.
  }
}
