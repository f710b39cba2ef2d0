// Named limits of the scheduler and the refresher, each with its unit.

/** After a posting, the marts reflect it within this long (debounce, then an incremental run). */
export const FRESHNESS_TARGET_MS = 5_000;
/** Quiet time after the last commit before the refresher runs, so a burst of postings costs one run. */
export const REFRESH_DEBOUNCE_MS = 1_000;
/**
 * Longest a commit waits for its refresh to start, however busy the writer stays; leaves the rest of
 * FRESHNESS_TARGET_MS for the run itself (an incremental run of the demo company takes about 0.5 s).
 */
export const REFRESH_MAX_WAIT_MS = 2_500;
/** An incremental refresh triggered by postings is stopped after this long. */
export const REFRESH_TIMEOUT_MS = 2 * 60 * 1000;
/** `fresh=true` waits at most this long for the marts to catch up, then answers 503 `refresh_timed_out`. */
export const FRESH_WAIT_MS_MAX = 30_000;
/** Default timeouts of the two transform jobs. */
export const INCREMENTAL_JOB_TIMEOUT_MS = 2 * 60 * 1000;
export const FULL_JOB_TIMEOUT_MS = 30 * 60 * 1000;
/** The monthly depreciation run: one journal of up to RUN_ASSETS_MAX assets, queued behind other postings. */
export const DEPRECIATION_JOB_TIMEOUT_MS = 10 * 60 * 1000;
/** A job is given no more than this (a day): a longer one is surely a mistake in the configuration. */
export const JOB_TIMEOUT_MS_MAX = 24 * 60 * 60 * 1000;
/** After its timeout aborts it, a job gets this long to stop before it is recorded as timed out anyway. */
export const JOB_ABORT_GRACE_MS = 5_000;
/** Job runs one list returns at most. */
export const JOB_RUNS_LIST_MAX = 500;
/** Characters of a job's detail message kept in `meta.job_runs`. */
export const JOB_DETAIL_MAX_CHARS = 2_000;
/** Bytes of a jobs configuration file at most. */
export const JOBS_FILE_BYTES_MAX = 64 * 1024;
/** A scheduled export: one report to one file. */
export const EXPORT_JOB_TIMEOUT_MS = 10 * 60 * 1000;
/** Scheduled exports one configuration may define. */
export const EXPORT_JOBS_MAX = 100;
/**
 * Job runs kept: those older than this go (checked at most hourly, JOB_HISTORY_PRUNE_INTERVAL_MS), except the
 * newest JOB_RUNS_KEPT_MIN; a minute's transform job alone records 1 440 runs a day.
 */
export const JOB_HISTORY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
export const JOB_RUNS_KEPT_MIN = 1_000;
export const JOB_HISTORY_PRUNE_INTERVAL_MS = 60 * 60 * 1000;
