// Reads dbt properties files (`models:`, `seeds:`, `sources:`) into config patches, sources and generic tests.
import { parse } from 'yaml';
import { isPlainObject } from './config.ts';
import { TransformError } from './errors.ts';
import { testNameFor } from './test-names.ts';
import type { GenericTestDef, NodeConfig, SourceTableDef, TestTarget } from './types.ts';

export interface NodePatch {
  description?: string;
  config: NodeConfig;
}

export interface Properties {
  models: Map<string, NodePatch>;
  seeds: Map<string, NodePatch>;
  sources: SourceTableDef[];
  tests: GenericTestDef[];
}

/** Test config keys dbt also accepts beside the arguments, in the pre-1.10 layout. */
const TEST_CONFIG_KEYS = new Set([
  'severity',
  'where',
  'enabled',
  'tags',
  'meta',
  'store_failures',
  'limit',
  'fail_calc',
  'warn_if',
  'error_if',
]);

export function emptyProperties(): Properties {
  return { models: new Map(), seeds: new Map(), sources: [], tests: [] };
}

/** Adds one properties file's content to `into`; `path` is relative to the project root. */
export function readProperties(text: string, path: string, into: Properties): void {
  const doc: unknown = parse(text);
  if (doc === null || doc === undefined) return;
  if (!isPlainObject(doc)) throw invalid(path, 'the file is not a mapping');
  for (const [index, entry] of listAt(doc, 'models', path).entries())
    readNodeEntry(entry, `${path}: models[${index}]`, path, into.models, into.tests);
  for (const [index, entry] of listAt(doc, 'seeds', path).entries())
    readNodeEntry(entry, `${path}: seeds[${index}]`, path, into.seeds, into.tests);
  for (const [index, entry] of listAt(doc, 'sources', path).entries())
    readSource(entry, `${path}: sources[${index}]`, path, into);
}

function readNodeEntry(
  entry: unknown,
  where: string,
  path: string,
  patches: Map<string, NodePatch>,
  tests: GenericTestDef[],
): void {
  const name = requireName(entry, where);
  const body = entry as Record<string, unknown>;
  if (patches.has(name)) throw invalid(where, `'${name}' is described twice`);
  const config = isPlainObject(body.config) ? body.config : {};
  patches.set(name, { description: optionalString(body.description), config });
  readTests(body, { type: 'node', name }, name, path, tests);
}

function readSource(entry: unknown, where: string, path: string, into: Properties): void {
  const source = requireName(entry, where);
  const body = entry as Record<string, unknown>;
  const schema = optionalString(body.schema) ?? source;
  if (body.database !== undefined) throw invalid(where, 'a source database is not supported');
  for (const [index, table] of listAt(body, 'tables', where).entries()) {
    const name = requireName(table, `${where}.tables[${index}]`);
    const tableBody = table as Record<string, unknown>;
    into.sources.push({
      source,
      table: name,
      schema,
      identifier: optionalString(tableBody.identifier) ?? name,
      meta: metaOf(tableBody),
    });
    readTests(tableBody, { type: 'source', source, table: name }, `${source}_${name}`, path, into.tests);
  }
}

/** A source table's `meta`, written at the top level or under `config:` (dbt accepts both; config wins). */
function metaOf(body: Record<string, unknown>): Record<string, unknown> {
  const top = isPlainObject(body.meta) ? body.meta : {};
  const config = isPlainObject(body.config) && isPlainObject(body.config.meta) ? body.config.meta : {};
  return { ...top, ...config };
}

/** Column tests (`data_tests`, or the older `tests`) and model-level tests naming a `column_name`. */
function readTests(
  body: Record<string, unknown>,
  target: TestTarget,
  targetName: string,
  path: string,
  tests: GenericTestDef[],
): void {
  for (const entry of testsAt(body, path)) tests.push(toTest(entry, target, targetName, undefined, path));
  for (const [index, column] of listAt(body, 'columns', path).entries()) {
    const columnName = requireName(column, `${path}: columns[${index}]`);
    const columnBody = column as Record<string, unknown>;
    const rendered = columnBody.quote === true ? `"${columnName.replaceAll('"', '""')}"` : columnName;
    for (const entry of testsAt(columnBody, path))
      tests.push(toTest(entry, target, targetName, rendered, path));
  }
}

function toTest(
  entry: unknown,
  target: TestTarget,
  targetName: string,
  column: string | undefined,
  path: string,
): GenericTestDef {
  const { testName, body } = splitTestEntry(entry, path);
  const config: NodeConfig = isPlainObject(body.config) ? { ...body.config } : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'config' || key === 'name' || key === 'arguments' || key === 'description') continue;
    if (TEST_CONFIG_KEYS.has(key)) config[key] = value;
    else args[key] = value;
  }
  if (isPlainObject(body.arguments)) Object.assign(args, body.arguments);
  const columnName = column ?? optionalString(args.column_name);
  delete args.column_name;
  const name =
    optionalString(body.name) ??
    testNameFor(testName, target.type === 'source', targetName, columnName, args);
  return { kind: 'generic', name, testName, target, column: columnName, args, config, path };
}

/** `unique`, `{unique: {...}}`, or `{test_name: unique, ...}`: the test's name and its body. */
function splitTestEntry(entry: unknown, path: string): { testName: string; body: Record<string, unknown> } {
  if (typeof entry === 'string') return { testName: entry, body: {} };
  if (isPlainObject(entry) && typeof entry.test_name === 'string') {
    const { test_name: testName, ...body } = entry;
    return { testName, body };
  }
  const keys = isPlainObject(entry) ? Object.keys(entry) : [];
  const testName = keys[0];
  if (!isPlainObject(entry) || keys.length !== 1 || testName === undefined)
    throw invalid(path, `cannot read the test ${JSON.stringify(entry)}`);
  const body = entry[testName];
  return { testName, body: isPlainObject(body) ? body : {} };
}

function testsAt(body: Record<string, unknown>, path: string): unknown[] {
  return [...listAt(body, 'data_tests', path), ...listAt(body, 'tests', path)];
}

function listAt(body: Record<string, unknown>, key: string, where: string): unknown[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(where, `'${key}' must be a list`);
  return value;
}

function requireName(entry: unknown, where: string): string {
  if (!isPlainObject(entry) || typeof entry.name !== 'string' || entry.name === '')
    throw invalid(where, 'every entry needs a name');
  return entry.name;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function invalid(where: string, message: string): TransformError {
  return new TransformError('properties_invalid', `${where}: ${message}`);
}
