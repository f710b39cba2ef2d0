// Run history in `meta`: one row per run and one per node, written by the runner only, read by the API and CLI.
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../ingest/db/database.ts';
import {
  ERROR_TEXT_MAX_CHARS,
  HISTORY_FLUSH_MS,
  HISTORY_PRUNE_INTERVAL_MS,
  HISTORY_RETENTION_MS,
  HISTORY_RUNS_KEPT_MIN,
  RUNS_LIST_MAX,
} from './limits.ts';
import type { Session } from './session.ts';
import type { NodeResult, RunResult } from './types.ts';

const HISTORY_DDL = [
  'create schema if not exists meta',
  `create table if not exists meta.transform_runs (
    run_id varchar not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    mode varchar not null,
    selector varchar,
    status varchar not null,
    models_ok integer not null,
    models_failed integer not null,
    models_skipped integer not null,
    tests_failed integer not null,
    last_fact_seq bigint,
    command varchar not null
  )`,
  `create table if not exists meta.transform_model_runs (
    run_id varchar not null,
    node varchar not null,
    kind varchar not null,
    materialized varchar,
    status varchar not null,
    rows bigint,
    duration_ms integer not null,
    error varchar,
    failing_rows_sample varchar,
    finished_at timestamptz not null,
    position integer not null
  )`,
  // Added after the first release: databases whose history predates it gain the column here.
  'alter table meta.transform_model_runs add column if not exists test_scope varchar',
  'alter table meta.transform_model_runs add column if not exists unchanged boolean',
];

async function ensureHistoryTables(session: Session): Promise<void> {
  for (const statement of HISTORY_DDL) await session.run(statement);
}

/** Databases whose history tables this process has made sure of. */
const historyEnsured = new WeakSet<object>();

/** ensureHistoryTables once per database and process: the tables are not dropped while it runs. */
export async function ensureHistoryTablesOnce(session: Session, database: object): Promise<void> {
  if (historyEnsured.has(database)) return;
  await ensureHistoryTables(session);
  historyEnsured.add(database);
}

/** One process owns the file and runs one transform at a time, so a run still `running` now died with its process. */
export async function abandonStaleRuns(session: Session, now: string): Promise<void> {
  await session.run(
    `update meta.transform_runs set status = 'abandoned', finished_at = ?::timestamptz where status = 'running'`,
    [now],
  );
}

type ReadRows = (sql: string) => Promise<Record<string, unknown>[]>;

/** The freshness watermark: the highest `seq` over every facts table that has one. */
export async function lastFactSeq(session: Session): Promise<string | null> {
  return maxFactSeq((sql) => session.rows(sql));
}

/** The same watermark read on one of the database's reader connections, for freshness checks outside a run. */
export async function factsWatermark(db: Database): Promise<string | null> {
  return maxFactSeq((sql) => db.query(sql));
}

async function maxFactSeq(rows: ReadRows): Promise<string | null> {
  const tables = await rows(
    `select table_name from information_schema.columns
     where table_catalog = current_database() and table_schema = 'facts' and column_name = 'seq'
     order by table_name`,
  );
  if (tables.length === 0) return null;
  const parts = tables.map(
    (row) => `select max(seq) as seq from facts."${String(row.table_name).replaceAll('"', '""')}"`,
  );
  const [row] = await rows(`select max(seq)::varchar as seq from (${parts.join(' union all ')})`);
  return row?.seq === null || row?.seq === undefined ? null : String(row.seq);
}

export async function recordRunStart(session: Session, run: RunResult): Promise<void> {
  await session.run(
    `insert into meta.transform_runs values (?, ?::timestamptz, null, ?, ?, 'running', 0, 0, 0, 0, ?::bigint, ?)`,
    [run.runId, run.startedAt, run.mode, run.selector, run.lastFactSeq, run.command],
  );
}

const NODE_COLUMNS = `run_id, node, kind, materialized, status, rows, duration_ms, error, failing_rows_sample,
  finished_at, position, test_scope, unchanged`;
const NODE_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?::bigint, ?, ?, ?, ?::timestamptz, ?, ?, ?)';

/**
 * Writes a run's node results to history in batches: a node is written at most HISTORY_FLUSH_MS after it
 * finished (one multi-row insert per batch), and `flush()` writes the rest when the run ends.
 */
export class NodeRecorder {
  private pending: DuckDBValue[][] = [];
  private lastFlushMs = performance.now();

  constructor(
    private readonly session: Session,
    private readonly runId: string,
  ) {}

  /** `position` is the node's place in the run order, so history lists nodes as they ran. */
  async record(node: NodeResult, position: number): Promise<void> {
    this.pending.push(nodeValues(this.runId, node, position));
    if (performance.now() - this.lastFlushMs >= HISTORY_FLUSH_MS) await this.flush();
  }

  async flush(): Promise<void> {
    this.lastFlushMs = performance.now();
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    await this.session.run(
      `insert into meta.transform_model_runs (${NODE_COLUMNS}) values ${rows.map(() => NODE_PLACEHOLDERS).join(', ')}`,
      rows.flat(),
    );
  }
}

function nodeValues(runId: string, node: NodeResult, position: number): DuckDBValue[] {
  return [
    runId,
    node.node,
    node.kind,
    node.materialized,
    node.status,
    node.rows,
    Math.round(node.durationMs),
    node.error === null ? null : node.error.slice(0, ERROR_TEXT_MAX_CHARS),
    node.failingRows === null ? null : JSON.stringify(node.failingRows),
    new Date().toISOString(),
    position,
    node.testScope,
    node.unchanged,
  ];
}

export async function recordRunEnd(session: Session, run: RunResult): Promise<void> {
  await session.run(
    `update meta.transform_runs
     set finished_at = ?::timestamptz, status = ?, models_ok = ?, models_failed = ?, models_skipped = ?, tests_failed = ?
     where run_id = ?`,
    [
      run.finishedAt,
      run.status,
      run.modelsOk,
      run.modelsFailed,
      run.modelsSkipped,
      run.testsFailed,
      run.runId,
    ],
  );
}

/** When this process last pruned each database's run history. */
const prunedAt = new WeakMap<object, number>();

/**
 * Deletes the runs older than HISTORY_RETENTION_MS beyond the newest HISTORY_RUNS_KEPT_MIN, with their nodes;
 * at most once per HISTORY_PRUNE_INTERVAL_MS per database (`owner`), unless `force`.
 */
export async function pruneRunHistory(
  session: Session,
  owner: object,
  force = false,
  keptMin = HISTORY_RUNS_KEPT_MIN,
): Promise<void> {
  const now = Date.now();
  if (!force && now - (prunedAt.get(owner) ?? Number.NEGATIVE_INFINITY) < HISTORY_PRUNE_INTERVAL_MS) return;
  prunedAt.set(owner, now);
  const old = `select run_id from (
        select run_id, started_at, row_number() over (order by started_at desc) as newest
        from meta.transform_runs
    )
    where newest > ${Math.trunc(keptMin)}
        and started_at < now() - to_milliseconds(${HISTORY_RETENTION_MS})`;
  await session.transaction(async () => {
    await session.run(`delete from meta.transform_model_runs where run_id in (${old})`);
    await session.run(`delete from meta.transform_runs where run_id in (${old})`);
  });
}

const RUN_COLUMNS = `run_id, command, mode, selector, status, started_at, finished_at, models_ok, models_failed,
            models_skipped, tests_failed, last_fact_seq::varchar as last_fact_seq`;

/** Runs newest first, JSON-ready (snake_case as stored); empty before the first run. */
export async function listRuns(db: Database, limit = 20): Promise<Record<string, unknown>[]> {
  if (!(await historyExists(db))) return [];
  const bounded = Math.max(1, Math.min(Math.trunc(limit), RUNS_LIST_MAX));
  return db.query(`select ${RUN_COLUMNS} from meta.transform_runs order by started_at desc limit ${bounded}`);
}

/** One run by id, as `listRuns` shows it; null when there is no such run. */
export async function getRun(db: Database, runId: string): Promise<Record<string, unknown> | null> {
  if (!(await historyExists(db))) return null;
  const [row] = await db.query(`select ${RUN_COLUMNS} from meta.transform_runs where run_id = ?`, [runId]);
  return row ?? null;
}

/**
 * The newest run that rebuilt every model (no selector, nothing failed, skipped or cancelled; tests may have
 * failed): the marts reflect the facts up to its `last_fact_seq`. Null before the first such run.
 * `commands: ['build']` asks for the newest such run that also ran the tests.
 */
export async function lastCompleteRun(
  db: Database,
  commands: ReadonlyArray<'build' | 'run'> = ['build', 'run'],
): Promise<Record<string, unknown> | null> {
  if (!(await historyExists(db)) || commands.length === 0) return null;
  const [row] = await db.query(
    `select ${RUN_COLUMNS} from meta.transform_runs
     where selector is null and command in (${commands.map(() => '?').join(', ')})
       and status in ('success', 'failed') and models_failed = 0 and models_skipped = 0
     order by started_at desc limit 1`,
    [...commands],
  );
  return row ?? null;
}

/** The nodes of one run in the order they ran, failing rows parsed back from JSON. */
export async function listRunNodes(db: Database, runId: string): Promise<Record<string, unknown>[]> {
  if (!(await historyExists(db))) return [];
  const rows = await db.query(
    `select node, kind, materialized, status, rows, duration_ms, error, failing_rows_sample, finished_at,
            test_scope, coalesce(unchanged, false) as unchanged
     from meta.transform_model_runs where run_id = ? order by position`,
    [runId],
  );
  return rows.map((row) => ({
    ...row,
    failing_rows_sample:
      typeof row.failing_rows_sample === 'string' ? JSON.parse(row.failing_rows_sample) : null,
  }));
}

async function historyExists(db: Database): Promise<boolean> {
  const rows = await db.query(
    `select 1 from information_schema.tables
     where table_catalog = current_database() and table_schema = 'meta' and table_name = 'transform_runs'`,
  );
  return rows.length > 0;
}
