// Parameter values reach DuckDB as named bindings, never as SQL text.
import type { BindValue } from './definition.ts';

const PLACEHOLDER = /\$([a-z_][a-z0-9_]*)/g;

/**
 * The values of exactly the `$name` placeholders a statement uses: DuckDB refuses unused names, and a
 * missing optional parameter binds as NULL.
 */
export function bindNamed(sql: string, values: Record<string, unknown>): Record<string, BindValue> {
  const bound: Record<string, BindValue> = {};
  for (const match of sql.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    bound[name] = toBindValue(name, values[name]);
  }
  return bound;
}

function toBindValue(name: string, value: unknown): BindValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new Error(`parameter $${name} has no SQL value (got ${typeof value})`);
}
