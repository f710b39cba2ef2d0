// Cell values and addresses for the workbooks: report values (exact decimal strings, ISO dates) as the
// numbers and dates a spreadsheet computes with, and A1 references for the formulas.
import type { ColumnDef, ColumnType } from '../definition.ts';

/**
 * Spreadsheets hold binary floating point: an amount of up to this many units (2^53 cents) converts from its
 * exact decimal text to the nearest number and back to the same cents, so sums shown to the cent are exact.
 */
export const EXACT_AMOUNT_MAX = 90_071_992_547_409;

/** Day 0 of spreadsheet date serials (1900 date system, with its leap-year quirk folded in from March 1900). */
export const SERIAL_DAY_ZERO = '1899-12-30';

/** Column letters of a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  let rest = index;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

/** The spreadsheet value of a report value of a column's type; null stays an empty cell. */
export function cellValue(value: unknown, type: ColumnType): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'money':
    case 'percent':
    case 'integer':
    case 'number':
    case 'quantity':
      return toNumber(value);
    case 'date':
      return toDate(String(value));
    default:
      return String(value);
  }
}

function toNumber(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(String(value));
  if (!Number.isFinite(number)) throw new Error(`not a number: ${String(value)}`);
  if (Math.abs(number) > EXACT_AMOUNT_MAX) {
    throw new Error(`${String(value)} is beyond what a spreadsheet holds to the cent`);
  }
  return number;
}

/** A date cell at midnight UTC, which spreadsheets show as that calendar day. */
function toDate(iso: string): Date {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${iso}`);
  return date;
}

/** `A5:A9`-style runs of consecutive row numbers, so a sum names ranges rather than one cell each. */
export function rowRuns(letter: string, rows: number[]): string[] {
  const runs: string[] = [];
  let start = rows[0];
  let previous = rows[0];
  for (const row of [...rows.slice(1), Number.NaN]) {
    if (start === undefined || previous === undefined) break;
    if (row === previous + 1) {
      previous = row;
      continue;
    }
    runs.push(start === previous ? `${letter}${start}` : `${letter}${start}:${letter}${previous}`);
    start = row;
    previous = row;
  }
  return runs;
}

/** Formula arguments are limited (255 in Excel): longer lists are summed in nested SUMs. */
const SUM_ARGUMENTS_MAX = 200;

/** `SUM(...)` over references, nested when there are too many for one call. */
export function sumOf(references: string[]): string {
  if (references.length === 0) return '0';
  if (references.length <= SUM_ARGUMENTS_MAX) return `SUM(${references.join(',')})`;
  const parts: string[] = [];
  for (let index = 0; index < references.length; index += SUM_ARGUMENTS_MAX)
    parts.push(sumOf(references.slice(index, index + SUM_ARGUMENTS_MAX)));
  return sumOf(parts);
}

export function isNumeric(column: ColumnDef): boolean {
  return ['money', 'integer', 'percent', 'number', 'quantity'].includes(column.type);
}
