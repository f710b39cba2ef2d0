// The shapes the transform engine passes around: a loaded project, its nodes, and what a run reports.

/** A config bag as dbt keeps it: `materialized`, `schema`, `tags`, `unique_key`, … (keys without the `+`). */
export type NodeConfig = Record<string, unknown>;

export interface ModelDef {
  name: string;
  /** Path relative to the project root, with `/` separators (`models/marts/fct_sales.sql`). */
  path: string;
  /** dbt's fully qualified name: project, folders under the model path, model name. */
  fqn: string[];
  sql: string;
  /** Config from `dbt_project.yml` folders and properties files; `config()` in the SQL comes on top. */
  config: NodeConfig;
  description?: string;
}

export interface SeedDef {
  name: string;
  path: string;
  fqn: string[];
  config: NodeConfig;
}

export interface SourceTableDef {
  source: string;
  table: string;
  schema: string;
  identifier: string;
  /** The table's `meta` (or `config.meta`) from the properties file; `watermark_column` scopes its tests. */
  meta: Record<string, unknown>;
}

/** What a generic test is attached to: a model or seed by name, or a source table. */
export type TestTarget = { type: 'node'; name: string } | { type: 'source'; source: string; table: string };

export interface GenericTestDef {
  kind: 'generic';
  name: string;
  /** `unique`, `not_null`, `accepted_values`, `relationships`; anything else is reported as unsupported. */
  testName: string;
  target: TestTarget;
  column?: string;
  args: Record<string, unknown>;
  config: NodeConfig;
  /** The properties file that declared it. */
  path: string;
}

export interface SingularTestDef {
  kind: 'singular';
  name: string;
  path: string;
  sql: string;
}

export type TestDef = GenericTestDef | SingularTestDef;

export interface Project {
  rootDir: string;
  name: string;
  profile?: string;
  modelPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  macroPaths: string[];
  /** Project vars, global ones overlaid by the ones scoped to this project. */
  vars: Record<string, unknown>;
  /**
   * `verbatim` when the project overrides `generate_schema_name` (ours does, so a custom schema is used as
   * written); otherwise dbt's default `<target>_<custom>`.
   */
  schemaNaming: 'verbatim' | 'dbt_default';
  /** Names of macros defined under macro-paths; the runner does not execute them but names them in errors. */
  macroNames: Set<string>;
  models: Map<string, ModelDef>;
  seeds: Map<string, SeedDef>;
  /** Keyed `source.table`. */
  sources: Map<string, SourceTableDef>;
  tests: TestDef[];
}

export type RunCommand = 'build' | 'run' | 'test';
export type RunMode = 'full' | 'incremental';
export type RunStatus = 'running' | 'success' | 'failed' | 'cancelled' | 'abandoned';
export type NodeKind = 'model' | 'seed' | 'test';
export type NodeStatus = 'success' | 'error' | 'skipped' | 'cancelled' | 'pass' | 'fail' | 'warn';

export interface ProgressEvent {
  type: 'start' | 'model' | 'test' | 'end';
  /** The node just finished; null on `start` and `end`. */
  node: string | null;
  /** 1-based position of the node in the run; 0 on `start`, `total` on `end`. */
  index: number;
  total: number;
  /** Node status, or the run status on `end`; null on `start`. */
  status: NodeStatus | RunStatus | null;
  ms: number;
}

export interface RunOptions {
  /** dbt `--full-refresh`: incremental models and seeds are rebuilt from scratch. */
  full?: boolean;
  /** dbt `--select`: `name`, `name+`, `+name`, `tag:x`, `path:models/x` or `models/x`; entries are unioned. */
  select?: string[];
  /** dbt `--vars`, over the project's vars. */
  vars?: Record<string, unknown>;
  /** `build` (default): models, seeds and their tests in dbt build order; `run`: no tests; `test`: tests only. */
  command?: RunCommand;
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  /** What to do when another run is in progress in this process: throw (default) or wait for it. */
  whenBusy?: 'throw' | 'wait';
  /** Per statement; defaults to MODEL_TIMEOUT_MS. */
  modelTimeoutMs?: number;
  /** The id recorded in history; a random UUID unless the caller needs to know it before the run ends. */
  runId?: string;
  /**
   * Incremental `build` only: test just the rows added since the last build whose every test passed (see
   * test-scope.ts). Default true; false runs every test over whole tables, as a full build and `test` do.
   */
  scopeTests?: boolean;
  /** Connections running tests beside the models; defaults to TEST_LANES, 0 runs tests on the model lanes. */
  testLanes?: number;
  /**
   * Connections building models at once; defaults to MODEL_LANES, FULL_BUILD_MODEL_LANES in a full build.
   * With testLanes 0, 1 runs nodes one at a time.
   */
  modelLanes?: number;
}

export interface NodeResult {
  node: string;
  kind: NodeKind;
  materialized: string | null;
  status: NodeStatus;
  /** Rows built (table, seed), inserted (incremental) or failing (test); null for views. */
  rows: number | null;
  durationMs: number;
  error: string | null;
  /** Tests only: up to FAILING_ROWS_SAMPLE_MAX failing rows, JSON-ready. */
  failingRows: Record<string, unknown>[] | null;
  /**
   * Tests only: the filter that scoped the test to new rows (dbt's `where` config, e.g. `seq > 1200`, or
   * `tests_since_seq = 1200` for a singular test); null when the test read whole tables.
   */
  testScope: string | null;
  /**
   * Its definition and everything it reads were as at its last run in this process, so it stood as it was
   * (a model not rebuilt, a test keeping its pass); see transform/unchanged.ts. Never in a full build.
   */
  unchanged: boolean;
}

export interface RunResult {
  runId: string;
  command: RunCommand;
  mode: RunMode;
  selector: string | null;
  status: RunStatus;
  startedAt: string;
  finishedAt: string;
  /** Max `seq` over the facts tables when the run started: the marts are fresh up to here. */
  lastFactSeq: string | null;
  modelsOk: number;
  modelsFailed: number;
  modelsSkipped: number;
  testsFailed: number;
  nodes: NodeResult[];
}
