// The public face of transform/: load a dbt project, run it on the Ledgerline database, read run history.
export { TransformError, type TransformErrorCode } from './errors.ts';
export { factsWatermark, getRun, lastCompleteRun, listRunNodes, listRuns } from './history.ts';
export {
  BUILD_SUFFIX,
  FAILING_ROWS_SAMPLE_MAX,
  MODEL_TIMEOUT_MS,
  PROJECT_FILE_BYTES_MAX,
  PROJECT_FILES_MAX,
  RUNS_LIST_MAX,
  TARGET_SCHEMA,
} from './limits.ts';
export { loadProject } from './project.ts';
export { martsVersion, runTransform } from './run.ts';
export type {
  NodeKind,
  NodeResult,
  NodeStatus,
  ProgressEvent,
  Project,
  RunCommand,
  RunMode,
  RunOptions,
  RunResult,
  RunStatus,
} from './types.ts';
