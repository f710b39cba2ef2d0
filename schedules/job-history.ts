// meta.job_runs: one row per job run (scheduled or asked for), written by the scheduler on its own connection.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../ingest/db/database.ts';
import {
  JOB_DETAIL_MAX_CHARS,
  JOB_HISTORY_PRUNE_INTERVAL_MS,
  JOB_HISTORY_RETENTION_MS,
  JOB_RUNS_KEPT_MIN,
  JOB_RUNS_LIST_MAX,
} from './limits.ts';

export type JobTrigger = 'schedule' | 'manual';
/** `timeout`: stopped at its timeout; `cancelled`: stopped at shutdown; `abandoned`: its process died. */
export type JobRunStatus =
  | 'running'
  | 'success'
  | 'failed'
  | 'timeout'
  | 'cancelled'
  | 'skipped'
  | 'abandoned';

export interface JobRun {
  job_run_id: string;
  job_id: string;
  trigger: JobTrigger;
  status: JobRunStatus;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  transform_run_id: string | null;
  detail: string | null;
}

const DDL = [
  'create schema if not exists meta',
  `create table if not exists meta.job_runs (
    job_run_id varchar not null,
    job_id varchar not null,
    trigger varchar not null,
    status varchar not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    duration_ms integer,
    transform_run_id varchar,
    detail varchar
  )`,
];

export class JobHistory {
  private connection: Promise<DuckDBConnection> | null = null;
  /** One statement at a time: DuckDB runs one query per connection. */
  private tail: Promise<unknown> = Promise.resolve();
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly db: Database) {}

  /** Creates the table when absent and marks runs a dead process left `running` as abandoned. */
  async open(): Promise<void> {
    for (const statement of DDL) await this.run(statement);
    await this.run(
      `update meta.job_runs set status = 'abandoned', finished_at = current_timestamp where status = 'running'`,
    );
  }

  async started(run: JobRun): Promise<void> {
    await this.run('insert into meta.job_runs values (?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?)', [
      run.job_run_id,
      run.job_id,
      run.trigger,
      run.status,
      run.started_at,
      run.finished_at,
      run.duration_ms,
      run.transform_run_id,
      clip(run.detail),
    ]);
  }

  async finished(run: JobRun): Promise<void> {
    await this.pruneNow(false);
    await this.run(
      `update meta.job_runs set status = ?, finished_at = ?::timestamptz, duration_ms = ?, transform_run_id = ?,
              detail = ? where job_run_id = ?`,
      [run.status, run.finished_at, run.duration_ms, run.transform_run_id, clip(run.detail), run.job_run_id],
    );
  }

  /**
   * Deletes the runs older than JOB_HISTORY_RETENTION_MS beyond the newest JOB_RUNS_KEPT_MIN; unless `force`,
   * at most once per JOB_HISTORY_PRUNE_INTERVAL_MS.
   */
  async pruneNow(force = true, keptMin = JOB_RUNS_KEPT_MIN): Promise<void> {
    const now = Date.now();
    if (!force && now - this.prunedAt < JOB_HISTORY_PRUNE_INTERVAL_MS) return;
    this.prunedAt = now;
    await this.run(
      `delete from meta.job_runs where job_run_id in (
           select job_run_id from (
               select job_run_id, started_at, row_number() over (order by started_at desc) as newest
               from meta.job_runs
           )
           where newest > ${Math.trunc(keptMin)}
               and started_at < now() - to_milliseconds(${JOB_HISTORY_RETENTION_MS})
       )`,
    );
  }

  /** Newest first; empty before the scheduler first ran. */
  async list(limit: number, jobId?: string): Promise<JobRun[]> {
    const exists = await this.db.query(
      `select 1 from information_schema.tables
       where table_catalog = current_database() and table_schema = 'meta' and table_name = 'job_runs'`,
    );
    if (exists.length === 0) return [];
    const bounded = Math.max(1, Math.min(Math.trunc(limit), JOB_RUNS_LIST_MAX));
    const where = jobId === undefined ? '' : 'where job_id = ?';
    return this.db.query<JobRun & Record<string, unknown>>(
      `select job_run_id, job_id, trigger, status, ${utc('started_at')}, ${utc('finished_at')}, duration_ms,
              transform_run_id, detail
       from meta.job_runs ${where} order by started_at desc limit ${bounded}`,
      jobId === undefined ? [] : [jobId],
    );
  }

  async close(): Promise<void> {
    await this.tail.catch(() => undefined);
    const connection = this.connection;
    this.connection = null;
    if (connection) (await connection).closeSync();
  }

  private run(sql: string, params: DuckDBValue[] = []): Promise<void> {
    const next = this.tail.then(
      () => this.statement(sql, params),
      () => this.statement(sql, params),
    );
    this.tail = next;
    return next;
  }

  private async statement(sql: string, params: DuckDBValue[]): Promise<void> {
    this.connection ??= this.db.instance.connect();
    await (await this.connection).run(sql, params);
  }
}

/** A TIMESTAMPTZ column as ISO 8601 in UTC, as the rest of the API writes times. */
function utc(column: string): string {
  return `strftime(${column} at time zone 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') as ${column}`;
}

function clip(text: string | null): string | null {
  return text === null ? null : text.slice(0, JOB_DETAIL_MAX_CHARS);
}
