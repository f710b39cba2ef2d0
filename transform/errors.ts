// The transform engine's error: a LedgerError whose code names the rule broken (`dependency_cycle`, `unsupported_jinja`).
import { type ErrorKind, LedgerError } from '../ingest/errors.ts';

export type TransformErrorCode =
  | 'project_invalid'
  | 'properties_invalid'
  | 'unsupported_jinja'
  | 'unsupported_feature'
  | 'render_failed'
  | 'ref_not_found'
  | 'source_not_found'
  | 'var_not_found'
  | 'env_var_not_found'
  | 'dependency_cycle'
  | 'dependency_not_declared'
  | 'selector_invalid'
  | 'selector_matches_nothing'
  | 'model_timeout'
  | 'cancelled'
  | 'transform_already_running';

const KIND_OF: Record<TransformErrorCode, ErrorKind> = {
  project_invalid: 'invalid',
  properties_invalid: 'invalid',
  unsupported_jinja: 'invalid',
  unsupported_feature: 'invalid',
  render_failed: 'invalid',
  ref_not_found: 'invalid',
  source_not_found: 'invalid',
  var_not_found: 'invalid',
  env_var_not_found: 'invalid',
  dependency_cycle: 'invalid',
  dependency_not_declared: 'invalid',
  selector_invalid: 'invalid',
  selector_matches_nothing: 'not_found',
  model_timeout: 'unavailable',
  cancelled: 'unavailable',
  transform_already_running: 'conflict',
};

export class TransformError extends LedgerError {
  declare readonly code: TransformErrorCode;

  constructor(code: TransformErrorCode, message: string) {
    super(KIND_OF[code], code, message);
    this.name = 'TransformError';
  }
}

/** The message of anything thrown, for history rows and progress lines. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
