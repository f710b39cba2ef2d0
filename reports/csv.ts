// CSV rendering of a report result (RFC 4180): a header of column labels, then one record per row.
import { type ColumnDef, fieldOf, type ReportResult, type Row } from './definition.ts';

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';

// Spreadsheets run a cell starting with one of these as a formula (CSV injection); text gets a quote mark.
const FORMULA_START = /^[=+\-@\t\r]/;

export function renderCsv(result: Pick<ReportResult, 'columns' | 'rows'>): string {
  const header = result.columns.map((column) => quote(column.label));
  const records = result.rows.map((row) => result.columns.map((column) => cell(row, column)));
  return `${[header, ...records].map((record) => record.join(',')).join('\r\n')}\r\n`;
}

function cell(row: Row, column: ColumnDef): string {
  const value = fieldOf(row, column.name);
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return quote(column.type === 'text' && FORMULA_START.test(text) ? `'${text}` : text);
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
