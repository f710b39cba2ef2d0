// Runs the enabled jobs on their cron expressions (node-cron): one run per job at a time, each stopped at its
// timeout, every run recorded in meta.job_runs.
import { randomUUID } from 'node:crypto';
import { createTask, type Logger, type ScheduledTask } from 'node-cron';
import { type Ledger, LedgerError } from '../ingest/index.ts';
import type { JobHistory, JobRun, JobRunStatus, JobTrigger } from './job-history.ts';
import type { Job, JobOutcome } from './jobs.ts';
import { JOB_ABORT_GRACE_MS } from './limits.ts';
import type { TransformService } from './transforms.ts';

export interface SchedulerOptions {
  jobs: readonly Job[];
  transforms: TransformService;
  /** Handed to the jobs that post (the depreciation run). */
  ledger: Ledger;
  history: JobHistory;
  /** The clock jobs read (tests pin it); the system clock by default. */
  now?: () => Date;
  /** After a job's timeout aborts it, how long it may take to stop before it is recorded anyway. */
  abortGraceMs?: number;
  log?: (line: string) => void;
}

export interface JobView {
  id: string;
  description: string;
  cron: string;
  timezone: string | null;
  timeout_ms: number;
  enabled: boolean;
  is_scheduled: boolean;
  is_running: boolean;
  next_run_at: string | null;
}

export class Scheduler {
  private readonly tasks = new Map<string, ScheduledTask>();
  private readonly running = new Map<string, Promise<JobRun>>();
  private readonly stopping = new AbortController();
  private opened: Promise<void> | null = null;
  private readonly log: (line: string) => void;

  constructor(private readonly options: SchedulerOptions) {
    this.log = options.log ?? ((line) => console.error(`[ledgerline scheduler] ${line}`));
  }

  /** Schedules every enabled job; their runs start at the next matching minute. */
  start(): void {
    for (const job of this.options.jobs) {
      if (!job.enabled || this.tasks.has(job.id)) continue;
      const task = createTask(job.cron, () => this.runJob(job.id, 'schedule'), {
        name: job.id,
        timezone: job.timezone,
        logger: this.cronLogger(),
      });
      void task.start();
      this.tasks.set(job.id, task);
    }
  }

  /** Unschedules every job, aborts the running ones and waits until they are recorded. */
  async stop(): Promise<void> {
    for (const task of this.tasks.values()) await task.destroy();
    this.tasks.clear();
    this.stopping.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  describe(): JobView[] {
    return this.options.jobs.map((job) => {
      const task = this.tasks.get(job.id);
      return {
        id: job.id,
        description: job.description,
        cron: job.cron,
        timezone: job.timezone ?? null,
        timeout_ms: job.timeout_ms,
        enabled: job.enabled,
        is_scheduled: task !== undefined,
        is_running: this.running.has(job.id),
        next_run_at: task?.getNextRun()?.toISOString() ?? null,
      };
    });
  }

  /** Runs one job now (also what the cron tick calls); a job already running is recorded as skipped. */
  async runJob(id: string, trigger: JobTrigger = 'manual'): Promise<JobRun> {
    const job = this.options.jobs.find((each) => each.id === id);
    if (!job) throw new LedgerError('not_found', 'job_not_found', `no job named ${id}`);
    if (this.running.has(id))
      return this.recordSkip(job, trigger, 'the previous run of this job is still going');
    const run = this.execute(job, trigger);
    this.running.set(id, run);
    try {
      return await run;
    } finally {
      this.running.delete(id);
    }
  }

  private async execute(job: Job, trigger: JobTrigger): Promise<JobRun> {
    const record = begin(job, trigger);
    await this.history(() => this.options.history.started(record));
    const started = performance.now();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), job.timeout_ms);
    const signal = AbortSignal.any([timeout.signal, this.stopping.signal]);
    let outcome: JobOutcome;
    try {
      outcome = await this.settle(
        job.run({
          signal,
          timeoutMs: job.timeout_ms,
          transforms: this.options.transforms,
          ledger: this.options.ledger,
          now: this.options.now?.() ?? new Date(),
          timezone: job.timezone,
        }),
        signal,
      );
    } catch (error) {
      outcome = { status: 'failed', detail: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
    const status: JobRunStatus = timeout.signal.aborted
      ? 'timeout'
      : this.stopping.signal.aborted
        ? 'cancelled'
        : outcome.status;
    const finished = finish(record, status, outcome, performance.now() - started);
    if (status === 'timeout') this.log(`${job.id} ran past its ${job.timeout_ms} ms timeout and was stopped`);
    await this.history(() => this.options.history.finished(finished));
    return finished;
  }

  /** The job's outcome, or, when it ignores its aborted signal past the grace time, a failure saying so. */
  private settle(work: Promise<JobOutcome>, signal: AbortSignal): Promise<JobOutcome> {
    const grace = this.options.abortGraceMs ?? JOB_ABORT_GRACE_MS;
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        timer = setTimeout(
          () => resolve({ status: 'failed', detail: `still running ${grace} ms after it was aborted` }),
          grace,
        );
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      work.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      });
    });
  }

  private async recordSkip(job: Job, trigger: JobTrigger, detail: string): Promise<JobRun> {
    const skipped = finish(begin(job, trigger), 'skipped', { status: 'skipped', detail }, 0);
    await this.history(() => this.options.history.started(skipped));
    return skipped;
  }

  /** History is best effort: a failed write is logged, never allowed to stop a job or the cron loop. */
  private async history(write: () => Promise<void>): Promise<void> {
    try {
      await this.historyReady();
      await write();
    } catch (error) {
      this.log(`could not record a job run: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private historyReady(): Promise<void> {
    this.opened ??= this.options.history.open();
    return this.opened;
  }

  private cronLogger(): Logger {
    return {
      info: () => {},
      debug: () => {},
      warn: (message) => this.log(message),
      error: (message) => this.log(message instanceof Error ? message.message : message),
    };
  }
}

function begin(job: Job, trigger: JobTrigger): JobRun {
  return {
    job_run_id: randomUUID(),
    job_id: job.id,
    trigger,
    status: 'running',
    started_at: new Date().toISOString(),
    finished_at: null,
    duration_ms: null,
    transform_run_id: null,
    detail: null,
  };
}

function finish(record: JobRun, status: JobRunStatus, outcome: JobOutcome, ms: number): JobRun {
  return {
    ...record,
    status,
    finished_at: new Date().toISOString(),
    duration_ms: Math.round(ms),
    transform_run_id: outcome.transformRunId ?? null,
    detail: outcome.detail,
  };
}
