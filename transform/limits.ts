// Named limits of the transform engine, each with its unit, so every unbounded thing has a bound.

/** A model, seed or test statement running longer than this is interrupted (DuckDB `interrupt()`). */
export const MODEL_TIMEOUT_MS = 10 * 60 * 1000;
/** Failing rows kept per data test, in the result and in `meta.transform_model_runs`. */
export const FAILING_ROWS_SAMPLE_MAX = 10;
/** Run history rows one `listRuns` call returns at most. */
export const RUNS_LIST_MAX = 500;
/** Files read from one project (models, properties, seeds, tests, macros) at most. */
export const PROJECT_FILES_MAX = 10_000;
/** Bytes of one SQL or YAML file at most; a larger one is surely not hand-written SQL. */
export const PROJECT_FILE_BYTES_MAX = 2 * 1024 * 1024;
/** Characters of an error message kept in history, so one runaway message cannot bloat `meta`. */
export const ERROR_TEXT_MAX_CHARS = 4000;
/** dbt names the schema of models without a custom schema after the target; ours is DuckDB's default. */
export const TARGET_SCHEMA = 'main';
/** Suffix of the relation a table is built under before it is swapped in. */
export const BUILD_SUFFIX = '__ll_tmp';
/**
 * A finished node reaches `meta.transform_model_runs` at most this long after it ends: results are written in
 * batches, one insert each, because every commit syncs the WAL and a run has hundreds of nodes.
 */
export const HISTORY_FLUSH_MS = 1000;
/** Compiled Jinja templates kept in memory (by file and text); the cache starts over when it is full. */
export const COMPILED_TEMPLATES_MAX = 2000;
/**
 * Connections that run tests beside the models (transform/run.ts); 0 runs every node one after another.
 * A scoped test is a few milliseconds of one core, mostly planning and the round trip, so two lanes keep a
 * two-core machine busy while the run's own connection builds the next model.
 */
export const TEST_LANES = 2;
/**
 * Connections that build models at once in an incremental build. Models only wait for their parents (and the
 * tests on them), so two models whose parents are done build side by side, each committing its own
 * transaction: an incremental model is mostly fixed costs (planning, the commit), which overlap well.
 */
export const MODEL_LANES = 2;
/**
 * Models a full build builds at once. Each full model already keeps every core busy; two side by side only
 * compete (measured: the cash allocations took 27-32 s beside fct_journal_lines against 10-14 s after it).
 */
export const FULL_BUILD_MODEL_LANES = 1;
/** The most model lanes a caller may ask for. */
export const MODEL_LANES_MAX = 4;
/** The most test lanes a caller may ask for: each is a DuckDB connection for the length of a run. */
export const TEST_LANES_MAX = 8;
/**
 * Run history kept: runs (with their nodes) older than this go, at most once per HISTORY_PRUNE_INTERVAL_MS,
 * except the newest HISTORY_RUNS_KEPT_MIN, which always stay (the last complete run dates the marts). The
 * refresher runs a build a minute while postings come, each with hundreds of node rows.
 */
export const HISTORY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
export const HISTORY_RUNS_KEPT_MIN = 1_000;
export const HISTORY_PRUNE_INTERVAL_MS = 60 * 60 * 1000;
