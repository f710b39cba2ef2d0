// What a report is: id, title, zod parameters, SQL over marts with named `$param` bindings, typed columns,
// and optional chart and workbook hints. One engine (run.ts) reads these; nothing is coded per report.
import type { z } from 'zod';
import type { FieldError } from '../ingest/index.ts';

/** A row as `getRowObjectsJson` returns it: decimals as exact strings, dates as `YYYY-MM-DD`. */
export type Row = Record<string, unknown>;

/** A value DuckDB can bind to a named parameter (`$from`); never spliced into SQL text. */
export type BindValue = string | number | boolean | null;

/** The read side of the database that reports need (ingest's Database satisfies it). */
export interface ReportDb {
  query(sql: string, params?: Record<string, BindValue>): Promise<Row[]>;
}

/**
 * `number`: a ratio that is neither money nor a percentage (days, turns), shown with one decimal;
 * `quantity`: an exact stock quantity (decimal text, like money).
 */
export type ColumnType = 'text' | 'money' | 'quantity' | 'integer' | 'date' | 'percent' | 'number';

/** A row's value for a column: `periods.2025-01` reads `row.periods['2025-01']` (period columns sit one level down). */
export function fieldOf(row: Row, name: string): unknown {
  if (name in row) return row[name];
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const inner = row[name.slice(0, dot)];
  return inner !== null && typeof inner === 'object' ? (inner as Row)[name.slice(dot + 1)] : undefined;
}

export interface ColumnDef {
  /** Key in each row; a dot reaches one level down (`periods.2025-01`). */
  name: string;
  label: string;
  type: ColumnType;
  /** Spreadsheet number format, so a workbook keeps real numbers and real percentages. */
  format: string;
}

/** A vega-lite specification without its data; the renderer supplies `data.values` from the rows. */
export type ChartSpec = Record<string, unknown>;

export interface WorkbookLayout {
  sheet: string;
  /** Row field whose value (1 = top) becomes the Excel outline level, keeping the account hierarchy. */
  outlineLevelField?: string;
  /** Row field naming rows drawn bold (section and group subtotals). */
  boldWhenField?: string;
  freezeHeader?: boolean;
  /** Columns computed from others on every row, written as formulas (the comparison's change and change %). */
  derived?: Record<string, DerivedCell>;
  /** How each total is written: a formula over the rows or other totals; a total not named here is a value. */
  totals?: Record<string, TotalCell>;
  /** Leave out the sheet of general-ledger lines behind the figures (the general ledger itself is those lines). */
  withoutLedgerLines?: boolean;
}

/** A column worked out from two others of the same row. */
export type DerivedCell =
  | { difference: [minuend: string, subtrahend: string] }
  /** (a - b) / |b| in percent, rounded to two places as the report rounds it; empty when b is zero. */
  | { percentChange: [current: string, base: string] };

/** A total in the workbook, as a live formula where the sheet holds what it is made of. */
export type TotalCell =
  /** The amount of the outline line with this key (`assets`, `operating`). */
  | { line: string }
  /** The sum of a column over every row of the table. */
  | { sum: string }
  /** Other totals added and subtracted. */
  | { add: string[]; subtract?: string[] };

/** A statement outline or report table after shaping, before the engine adds the report's identity. */
export interface ShapedResult {
  rows: Row[];
  totals?: Record<string, unknown>;
  /** Columns when they depend on the parameters (monthly columns of the income statement). */
  columns?: ColumnDef[];
  page?: PageInfo;
}

export interface PageInfo {
  limit: number;
  offset: number;
  total_rows: number;
  next_offset: number | null;
}

/** Where a page of `shown` rows sits among `totalRows`, and where the next one starts (null after the last). */
export function pageInfo(
  paging: { limit: number; offset: number },
  shown: number,
  totalRows: number,
): PageInfo {
  const next = paging.offset + shown;
  return {
    limit: paging.limit,
    offset: paging.offset,
    total_rows: totalRows,
    next_offset: next < totalRows ? next : null,
  };
}

/**
 * What the queries returned: the main rows, the one totals row, and any extra named queries; the rows
 * `reference` gave and the values `resolve` gave, if the definition has them.
 */
export interface RawResult {
  rows: Row[];
  totals?: Row;
  extra: Record<string, Row[]>;
  reference?: Row[];
  resolved?: Record<string, BindValue>;
}

export interface ReportDefinition<P extends object = object> {
  id: string;
  title: string;
  description: string;
  kind: 'statement' | 'report';
  params: z.ZodType<P, unknown>;
  /** The rows; only `$name` placeholders carry parameter values. A function may pick one of several
   * static statements by a parameter (the cash-flow method); it never builds SQL from values. */
  sql: string | ((params: P) => string);
  /** One row of totals, over the same parameters (a function picks a static statement, as `sql` does). */
  totalsSql?: string | ((params: P) => string);
  /** More queries whose rows `shape` combines with the main ones (e.g. monthly columns). */
  extraSql?: (params: P) => Record<string, string>;
  columns: ColumnDef[];
  chart?: ChartSpec;
  workbook?: WorkbookLayout;
  /** Rules that need the database, such as "the account exists"; every failure is returned at once. */
  check?(db: ReportDb, params: P): Promise<FieldError[]>;
  /** Values derived from the parameters and bound beside them (e.g. the comparison range). */
  bind?(params: P): Record<string, BindValue>;
  /**
   * Values read from the marts once `check` passed, bound beside the parameters but not echoed with them:
   * constants such as where a page starts, so that the main queries filter on values DuckDB can use to skip
   * row groups rather than on subqueries.
   */
  resolve?(db: ReportDb, params: P): Promise<Record<string, BindValue>>;
  /**
   * Reference rows `shape` joins to the queries' rows in memory (e.g. the chart of accounts, kept until a
   * transform publishes), read beside `resolve`, so the queries need not join them on every run.
   */
  reference?(db: ReportDb, params: P): Promise<Row[]>;
  shape?(raw: RawResult, params: P): ShapedResult;
}

export interface ReportResult {
  report: { id: string; title: string; kind: 'statement' | 'report' };
  params: Record<string, unknown>;
  columns: ColumnDef[];
  rows: Row[];
  totals?: Record<string, unknown>;
  page?: PageInfo;
}

/** Infers a definition's parameter type from its schema, so `check`, `bind` and `shape` are typed. */
export function defineReport<P extends object>(definition: ReportDefinition<P>): ReportDefinition<P> {
  return definition;
}

/** Spreadsheet number formats as a controller expects them: thousands separators, negatives in parentheses. */
export const FORMATS: Record<ColumnType, string> = {
  text: '@',
  money: '#,##0.00;(#,##0.00)',
  /** Stock quantities carry three decimals (DECIMAL(18,3)). */
  quantity: '#,##0.000;(#,##0.000)',
  integer: '#,##0;(#,##0)',
  date: 'yyyy-mm-dd',
  // Values are already in percent units (12.5 means 12.5 %), so the format adds the sign, not a factor.
  percent: '0.00"%";(0.00"%")',
  number: '#,##0.0;(#,##0.0)',
};

export function column(name: string, label: string, type: ColumnType): ColumnDef {
  return { name, label, type, format: FORMATS[type] };
}
