// Everything that runs in the background of `serve`: the transform door, the refresher and the scheduler.
import type { Ledger } from '../ingest/index.ts';
import type { Freshness } from './freshness.ts';
import { FreshnessCache } from './freshness-cache.ts';
import { JobHistory } from './job-history.ts';
import { DEFAULT_JOBS, type Job } from './jobs.ts';
import { Refresher, type RefresherOptions } from './refresher.ts';
import { Scheduler } from './scheduler.ts';
import { PROJECT_DIR, TransformService } from './transforms.ts';

export interface SchedulesOptions {
  /** The jobs, defaults (DEFAULT_JOBS) with any configuration applied (configureJobs). */
  jobs?: readonly Job[];
  refresher?: RefresherOptions;
  /** Where dbt_project.yml is; the project Ledgerline ships by default. */
  projectDir?: string;
  log?: (line: string) => void;
  /**
   * False (`serve --no-refresh`: bulk loads, the write-path benchmark): no refresh work starts on its own — no
   * refresh after commits, and the jobs that rebuild marts stay unscheduled. `fresh=true`, transform runs and
   * job runs asked for over the API still refresh on demand.
   */
  refreshMarts?: boolean;
}

/**
 * Built stopped: the API can run transforms and `fresh=true` refreshes on demand without it being started;
 * start() adds the refresher's commit subscription and the cron jobs. stop() before closing the ledger.
 */
export class Schedules {
  readonly transforms: TransformService;
  readonly refresher: Refresher;
  readonly scheduler: Scheduler;
  readonly history: JobHistory;
  private isStarted = false;
  private readonly freshnessCache: FreshnessCache;
  private readonly refreshMarts: boolean;

  constructor(
    readonly ledger: Ledger,
    options: SchedulesOptions = {},
  ) {
    this.refreshMarts = options.refreshMarts ?? true;
    this.transforms = new TransformService(ledger.db, options.projectDir ?? PROJECT_DIR);
    this.refresher = new Refresher(ledger, this.transforms, { log: options.log, ...options.refresher });
    this.history = new JobHistory(ledger.db);
    this.freshnessCache = new FreshnessCache(ledger, this.transforms);
    this.scheduler = new Scheduler({
      jobs: scheduledJobs(options.jobs ?? DEFAULT_JOBS, this.refreshMarts),
      transforms: this.transforms,
      ledger,
      history: this.history,
      log: options.log,
    });
  }

  get started(): boolean {
    return this.isStarted;
  }

  start(): void {
    this.isStarted = true;
    if (this.refreshMarts) this.refresher.start();
    this.scheduler.start();
  }

  /** Stops listening and scheduling, aborts every running transform and waits for all of it to end. */
  async stop(): Promise<void> {
    this.isStarted = false;
    await Promise.all([this.refresher.stop(), this.scheduler.stop(), this.transforms.stop()]);
    this.freshnessCache.close();
    await this.history.close();
  }

  /** Read from the database only after a commit or a transform run since the last reading. */
  freshness(): Promise<Freshness> {
    return this.freshnessCache.read();
  }
}

/** The jobs to schedule: without mart refreshes, those that rebuild marts are disabled (and shown so). */
function scheduledJobs(jobs: readonly Job[], refreshMarts: boolean): readonly Job[] {
  if (refreshMarts) return jobs;
  return jobs.map((job) => (job.refreshesMarts ? { ...job, enabled: false } : job));
}
