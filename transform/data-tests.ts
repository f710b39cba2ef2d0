// Runs a data test the way dbt judges it: the query returns failing rows; zero rows pass.
import { TransformError } from './errors.ts';
import { FAILING_ROWS_SAMPLE_MAX } from './limits.ts';
import type { Row, Session } from './session.ts';
import type { NodeConfig } from './types.ts';

export interface TestOutcome {
  status: 'pass' | 'fail' | 'warn';
  failures: number;
  sample: Row[];
}

/** Test configs that change how failures are counted or judged; the runner only counts rows. */
const REFUSED_TEST_CONFIGS = ['fail_calc', 'warn_if', 'error_if', 'limit'];

/**
 * Runs the test's query and counts its rows. `provesPass`, when given, is a cheaper check that may prove the
 * test passes without that query (unique-proof.ts); when it does not, the query runs as usual.
 */
export async function runDataTest(
  session: Session,
  sql: string,
  config: NodeConfig,
  provesPass?: () => Promise<boolean>,
): Promise<TestOutcome> {
  for (const key of REFUSED_TEST_CONFIGS)
    if (config[key] !== undefined)
      throw new TransformError(
        'unsupported_feature',
        `test config '${key}' is not supported by the embedded runner`,
      );
  if (provesPass && (await provesPass())) return { status: 'pass', failures: 0, sample: [] };
  // dbt counts the rows of the test query wrapped as a subquery; the newline keeps a trailing `--` comment inert.
  const failures = await session.count(sql);
  const sample =
    failures > 0
      ? await session.rows(`select * from (${sql}\n) as failing limit ${FAILING_ROWS_SAMPLE_MAX}`)
      : [];
  const severity = String(config.severity ?? 'error').toLowerCase();
  const status = failures === 0 ? 'pass' : severity === 'warn' ? 'warn' : 'fail';
  return { status, failures, sample };
}
