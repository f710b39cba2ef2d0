// Names of generic tests the way dbt synthesises them (`not_null_orders_order_id`), so history reads like dbt's.
import { createHash } from 'node:crypto';

/** dbt shortens names from this length on: a prefix plus an md5 of the full name. */
const TEST_NAME_CHARS_MAX = 63;
const TEST_NAME_PREFIX_CHARS = 30;

/**
 * The test name, then the target, then every argument value in argument-name order (`column_name` first
 * among them), each cleaned to `[0-9a-zA-Z_]`, joined by `__`. Source tests are prefixed `source_`.
 */
export function testNameFor(
  testName: string,
  isSource: boolean,
  targetName: string,
  column: string | undefined,
  args: Record<string, unknown>,
): string {
  const named: Record<string, unknown> = { ...args };
  if (column !== undefined) named.column_name = column;
  const parts: string[] = [];
  for (const key of Object.keys(named).sort()) parts.push(...flatten(named[key]));
  const cleaned = parts.map((part) => part.replace(/[^0-9a-zA-Z_]+/g, '_'));
  const head = `${isSource ? 'source_' : ''}${testName.split('.').pop()}_${targetName}`;
  const full = cleaned.length > 0 ? `${head}_${cleaned.join('__')}` : head;
  if (full.length <= TEST_NAME_CHARS_MAX) return full;
  const digest = createHash('md5').update(full).digest('hex');
  return `${head.slice(0, TEST_NAME_PREFIX_CHARS)}_${digest}`;
}

function flatten(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(pythonStr);
  if (typeof value === 'object' && value !== null) return Object.values(value).map(pythonStr);
  return [pythonStr(value)];
}

/** dbt builds the name with Python's str(): `quote: false` reads `False`. */
function pythonStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  return String(value);
}
