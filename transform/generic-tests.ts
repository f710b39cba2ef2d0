// SQL of dbt's four built-in generic tests, each selecting the failing rows exactly as dbt compiles them.
import { TransformError } from './errors.ts';
import { quoteLiteral, type Relation } from './relation.ts';
import type { NewRows } from './test-scope.ts';
import type { GenericTestDef } from './types.ts';
import type { UniqueTarget } from './unique-proof.ts';

export type RelationArg = { type: 'ref'; name: string } | { type: 'source'; source: string; table: string };

/** Reads `ref('x')` or `source('s', 't')` as written in a relationships test's `to:`. */
export function relationArg(text: string): RelationArg | null {
  const ref = /^\s*ref\(\s*['"]([^'"]+)['"]\s*\)\s*$/.exec(text);
  if (ref) return { type: 'ref', name: ref[1] as string };
  const source = /^\s*source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)\s*$/.exec(text);
  if (source) return { type: 'source', source: source[1] as string, table: source[2] as string };
  return null;
}

const BUILT_IN_TESTS = new Set(['unique', 'not_null', 'accepted_values', 'relationships']);

export interface GenericTestScope {
  /** The relation the test is attached to. */
  model: Relation;
  /** Resolves a relationships test's `to:`. */
  resolve(arg: RelationArg): Relation;
  /** In a scoped incremental build: only these rows of the model are new (see test-scope.ts). */
  newRows?: NewRows | null;
}

/** The failing-rows query of a generic test; unsupported tests and missing arguments throw. */
export function genericTestSql(test: GenericTestDef, scope: GenericTestScope): string {
  if (!BUILT_IN_TESTS.has(test.testName))
    throw new TransformError(
      'unsupported_feature',
      `${test.path}: generic test '${test.testName}' is not supported by the embedded runner (only ${[...BUILT_IN_TESTS].join(', ')})`,
    );
  const column = test.column;
  if (column === undefined) throw missing(test, 'column_name');
  const newRows = scope.newRows ?? null;
  // unique compares the new rows' keys with every row's, so only its key list is scoped.
  if (test.testName === 'unique') {
    const model = modelWithWhere(scope.model, test.config.where);
    return newRows ? uniqueNewKeysSql(model, column, newRows) : uniqueSql(model, column);
  }
  const newRowsWhere = newRows ? `${newRows.column} > ${newRows.since}` : undefined;
  const model = modelWithWhere(scope.model, allOf(test.config.where, newRowsWhere));
  if (test.testName === 'not_null') return `select ${column}\nfrom ${model}\nwhere ${column} is null`;
  if (test.testName === 'accepted_values') return acceptedValuesSql(test, model, column);
  return relationshipsSql(test, model, column, scope);
}

/**
 * What a whole-table `unique` test checks, for the cheaper proof of a pass (unique-proof.ts); null for other
 * tests and for a unique test scoped to new rows (its query is already small).
 */
export function uniqueTarget(test: GenericTestDef, scope: GenericTestScope): UniqueTarget | null {
  if (test.testName !== 'unique' || test.column === undefined || scope.newRows) return null;
  return { model: modelWithWhere(scope.model, test.config.where), column: test.column };
}

/** Both filters joined with `and`; either alone as written (so a lone `where:` compiles as dbt's does). */
function allOf(first: unknown, second: string | undefined): unknown {
  if (first === undefined || first === null) return second;
  return second === undefined ? first : `(${String(first)}) and (${second})`;
}

/** dbt's `where:` test config filters the tested model through a subquery aliased `dbt_subquery`. */
function modelWithWhere(model: Relation, where: unknown): string {
  if (where === undefined || where === null) return String(model);
  return `(select * from ${model} where ${String(where)}) dbt_subquery`;
}

function uniqueSql(model: string, column: string): string {
  return [
    'select',
    `    ${column} as unique_field,`,
    '    count(*) as n_records',
    `from ${model}`,
    `where ${column} is not null`,
    `group by ${column}`,
    'having count(*) > 1',
  ].join('\n');
}

/**
 * unique for new rows only: a duplicate involves a new row, or it was there (and failed) at the last passing
 * build. Counts every row whose key is among the new rows' keys.
 */
function uniqueNewKeysSql(model: string, column: string, newRows: NewRows): string {
  // The watermark itself: an old row's value is at most `since`, a new one's above it, so a duplicate of a
  // new value can only be another new row, and the old rows need no reading.
  if (column === newRows.column)
    return uniqueSql(
      `(select ${column} from ${model} where ${column} > ${newRows.since}) as new_rows`,
      column,
    );
  return [
    'select',
    `    ${column} as unique_field,`,
    '    count(*) as n_records',
    `from ${model}`,
    `where ${column} is not null`,
    `    and ${column} in (select ${column} from ${model} where ${newRows.column} > ${newRows.since})`,
    `group by ${column}`,
    'having count(*) > 1',
  ].join('\n');
}

/** Values are quoted unless `quote: false`; a quote inside a value is doubled, where dbt would break. */
function acceptedValuesSql(test: GenericTestDef, model: string, column: string): string {
  const values = test.args.values;
  if (!Array.isArray(values) || values.length === 0) throw missing(test, 'values');
  const quote = test.args.quote !== false;
  const list = values.map((value) => (quote ? quoteLiteral(String(value)) : String(value))).join(', ');
  return [
    'with all_values as (',
    `    select ${column} as value_field, count(*) as n_records`,
    `    from ${model}`,
    `    group by ${column}`,
    ')',
    'select *',
    'from all_values',
    `where value_field not in (${list})`,
  ].join('\n');
}

function relationshipsSql(test: GenericTestDef, model: string, column: string, scope: GenericTestScope) {
  const to = typeof test.args.to === 'string' ? relationArg(test.args.to) : null;
  const field = test.args.field;
  if (!to) throw missing(test, "to (as ref('model') or source('source', 'table'))");
  if (typeof field !== 'string') throw missing(test, 'field');
  return [
    'with child as (',
    `    select ${column} as from_field`,
    `    from ${model}`,
    `    where ${column} is not null`,
    '),',
    'parent as (',
    `    select ${field} as to_field`,
    `    from ${scope.resolve(to)}`,
    ')',
    'select from_field',
    'from child',
    'left join parent on child.from_field = parent.to_field',
    'where parent.to_field is null',
  ].join('\n');
}

function missing(test: GenericTestDef, argument: string): TransformError {
  return new TransformError('properties_invalid', `${test.path}: test '${test.name}' needs ${argument}`);
}
