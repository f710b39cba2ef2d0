// The public face of schedules/: background jobs, the freshness refresher, and how fresh the marts are.
export { type CommitListener, subscribeToCommits } from './commits.ts';
export { covers, type Freshness, isoTimestamp, readFreshness } from './freshness.ts';
export { JobHistory, type JobRun, type JobRunStatus, type JobTrigger } from './job-history.ts';
export {
  applyJobOverrides,
  configureJobs,
  DEFAULT_JOBS,
  type Job,
  type JobConfigSources,
  type JobContext,
  type JobOutcome,
  JobOverrides,
  JobSettings,
  parseJobOverrides,
} from './jobs.ts';
export {
  DEPRECIATION_JOB_TIMEOUT_MS,
  FRESH_WAIT_MS_MAX,
  FRESHNESS_TARGET_MS,
  FULL_JOB_TIMEOUT_MS,
  INCREMENTAL_JOB_TIMEOUT_MS,
  JOB_ABORT_GRACE_MS,
  JOB_RUNS_LIST_MAX,
  REFRESH_DEBOUNCE_MS,
  REFRESH_MAX_WAIT_MS,
  REFRESH_TIMEOUT_MS,
} from './limits.ts';
export { Refresher, type RefresherOptions, type RefresherState } from './refresher.ts';
export { Schedules, type SchedulesOptions } from './runtime.ts';
export { type JobView, Scheduler, type SchedulerOptions } from './scheduler.ts';
export { PROJECT_DIR, TransformService } from './transforms.ts';
