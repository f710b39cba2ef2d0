// The one report engine: parse parameters with the definition's zod schema, check them against the marts,
// bind them by name (never spliced into SQL), run the queries, shape the rows.
import { type FieldError, LedgerError, zodFieldErrors } from '../ingest/index.ts';
import { bindNamed } from './bind.ts';
import { getReport } from './catalogue.ts';
import type { RawResult, ReportDb, ReportDefinition, ReportResult, Row } from './definition.ts';
import { TRANSPORT_KEYS } from './params.ts';

export { bindNamed };

/** DuckDB's words for a mart table that is not there (with or without its schema in the name). */
const MISSING_MART = /Catalog Error: Table with name "?(marts\.)?(dim|fct|rpt)_\w+"? does not exist/;

/** Runs report `id` with raw parameters (e.g. a query string's values); throws LedgerError on bad input. */
export async function runReport(db: ReportDb, id: string, rawParams: unknown = {}): Promise<ReportResult> {
  const definition = getReport(id);
  return execute(db, definition, rawParams);
}

/**
 * Parses raw parameters of report `id` without touching the database, throwing what runReport would: lets a
 * caller refuse bad input before costly work such as refreshing the marts.
 */
export function checkReportParams(id: string, rawParams: unknown = {}): void {
  parseParams(getReport(id), rawParams);
}

async function execute<P extends object>(
  db: ReportDb,
  definition: ReportDefinition<P>,
  rawParams: unknown,
): Promise<ReportResult> {
  const params = parseParams(definition, rawParams);
  const problems = definition.check ? await guardMarts(() => definition.check!(db, params)) : [];
  if (problems.length > 0) throw invalidParams(problems);
  const values: Record<string, unknown> = { ...params, ...definition.bind?.(params) };
  const [resolved, reference] = await Promise.all([
    definition.resolve ? guardMarts(() => definition.resolve!(db, params)) : {},
    definition.reference ? guardMarts(() => definition.reference!(db, params)) : undefined,
  ]);
  const queried = await guardMarts(() => runQueries(db, definition, params, { ...values, ...resolved }));
  const raw: RawResult = { ...queried, resolved, ...(reference ? { reference } : {}) };
  const shaped = definition.shape ? definition.shape(raw, params) : { rows: raw.rows, totals: raw.totals };
  return {
    report: { id: definition.id, title: definition.title, kind: definition.kind },
    params: values,
    columns: shaped.columns ?? definition.columns,
    rows: shaped.rows,
    ...(shaped.totals ? { totals: shaped.totals } : {}),
    ...(shaped.page ? { page: shaped.page } : {}),
  };
}

function parseParams<P extends object>(definition: ReportDefinition<P>, rawParams: unknown): P {
  const input = withoutTransportKeys(rawParams);
  const result = definition.params.safeParse(input);
  if (!result.success) throw invalidParams(zodFieldErrors(result.error));
  return result.data;
}

function withoutTransportKeys(rawParams: unknown): unknown {
  if (rawParams === null || typeof rawParams !== 'object' || Array.isArray(rawParams)) return rawParams;
  const copy: Record<string, unknown> = { ...(rawParams as Record<string, unknown>) };
  for (const key of TRANSPORT_KEYS) delete copy[key];
  return copy;
}

async function runQueries<P extends object>(
  db: ReportDb,
  definition: ReportDefinition<P>,
  params: P,
  values: Record<string, unknown>,
): Promise<RawResult> {
  const extraSql = definition.extraSql?.(params) ?? {};
  const run = (sql: string) => db.query(sql, bindNamed(sql, values));
  const [rows, totals, ...extraRows] = await Promise.all([
    run(textOf(definition.sql, params)),
    definition.totalsSql ? run(textOf(definition.totalsSql, params)) : Promise.resolve<Row[]>([]),
    ...Object.values(extraSql).map(run),
  ]);
  const names = Object.keys(extraSql);
  const extra = Object.fromEntries(names.map((name, index) => [name, extraRows[index] ?? []]));
  return { rows, totals: totals[0], extra };
}

/** A definition's SQL: the text itself, or the static statement its function picks for the parameters. */
export function textOf<P>(sql: string | ((params: P) => string), params: P): string {
  return typeof sql === 'string' ? sql : sql(params);
}

function invalidParams(errors: FieldError[]): LedgerError {
  const first = errors[0];
  const code = errors.length === 1 && first ? first.code : 'invalid_parameters';
  return new LedgerError('invalid', code, first?.message ?? 'the report parameters are not valid', errors);
}

/**
 * Runs `work`, turning DuckDB's "no such mart" into the `marts_not_built` LedgerError: missing marts mean no
 * transform has run yet, a clear "unavailable" (503), not an internal error.
 */
export async function guardMarts<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && MISSING_MART.test(error.message)) {
      throw new LedgerError(
        'unavailable',
        'marts_not_built',
        'the reporting marts are not built yet; run a transform first',
      );
    }
    throw error;
  }
}
