// CSV rendering of a report result (RFC 4180): a header of column labels, then one record per row.
import type { ColumnDef, ReportResult, Row } from './definition.ts';

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';

// Spreadsheets run a cell starting with one of these as a formula (CSV injection); text gets a quote mark.
const FORMULA_START = /^[=+\-@\t\r]/;

export function renderCsv(result: Pick<ReportResult, 'columns' | 'rows'>): string {
  const header = result.columns.map((column) => quote(column.label));
  const records = result.rows.map((row) => result.columns.map((column) => cell(row, column)));
  return `${[header, ...records].map((record) => record.join(',')).join('\r\n')}\r\n`;
}

function cell(row: Row, column: ColumnDef): string {
  const value = valueAt(row, column.name);
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return quote(column.type === 'text' && FORMULA_START.test(text) ? `'${text}` : text);
}

/** `periods.2025-01` reads `row.periods['2025-01']`: period columns sit one level down. */
function valueAt(row: Row, name: string): unknown {
  if (name in row) return row[name];
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const inner = row[name.slice(0, dot)];
  return inner !== null && typeof inner === 'object' ? (inner as Row)[name.slice(dot + 1)] : undefined;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
