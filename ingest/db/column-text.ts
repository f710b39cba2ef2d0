// Rows as whole columns of text: each column's values joined into one string that DuckDB splits and casts
// back, so a table's rows cross the native boundary in one piece instead of one call per cell (the Node
// binding spends ≈ 0.9 µs on each string cell it converts, more than the rest of the write together).
import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampTZValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
} from '@duckdb/node-api';

/** What a fact row's cell may hold: plain text and numbers (the fast path) or a DuckDB value. */
export type CellValue = DuckDBValue | undefined;

/** ASCII unit separator between the values of one column; DuckDB splits on it with `string_split`. */
export const VALUE_SEPARATOR = '\x1f';
/** ASCII record separator standing alone for SQL NULL (`nullif(value, chr(30))`). */
export const NULL_MARK = '\x1e';
/** NUL ends a C string, so it cannot travel inside a joined column either. */
const NUL = '\0';

const MICROS_PER_MS = 1000n;

/**
 * One column's values joined, or `undefined` when some value holds a character the joined form cannot carry
 * faithfully; the caller then binds lists instead.
 */
export function joinColumn(values: readonly CellValue[]): string | undefined {
  let plain = true;
  let nulls = 0;
  let checked: string | null = null;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (typeof value === 'string') {
      // A value equal to the one before is not checked again (numbers, dates, provenance repeat row after row).
      if (value !== checked && isUnsafe(value)) return undefined;
      checked = value;
    } else if (value === null || value === undefined) nulls++;
    else if (typeof value === 'object') plain = false;
  }
  if (nulls === values.length) {
    return `${NULL_MARK}${`${VALUE_SEPARATOR}${NULL_MARK}`.repeat(values.length - 1)}`;
  }
  // Array.join writes numbers, bigints and booleans as DuckDB reads them, without a copy of the column.
  if (plain && nulls === 0) return values.join(VALUE_SEPARATOR);
  const texts: string[] = new Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    const text = cellText(value);
    if (typeof value === 'object' && text !== null && isUnsafe(text)) return undefined;
    texts[index] = text ?? NULL_MARK;
  }
  return texts.join(VALUE_SEPARATOR);
}

/** A separator, a NULL mark or NUL inside the text would change what DuckDB reads back. */
function isUnsafe(text: string): boolean {
  return text.includes(VALUE_SEPARATOR) || text.includes(NULL_MARK) || text.includes(NUL);
}

/** A cell as the text DuckDB casts back to the column's type; money and dates stay exact (no floats). */
export function cellText(value: CellValue): string | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
  }
  if (value instanceof DuckDBTimestampTZValue) return isoFromMicros(value.micros);
  if (value instanceof DuckDBDateValue || value instanceof DuckDBDecimalValue) return value.toString();
  return String(value);
}

/** Microseconds since the epoch as an ISO timestamp in UTC, keeping the microseconds. */
export function isoFromMicros(micros: bigint): string {
  const ms = micros / MICROS_PER_MS - (micros % MICROS_PER_MS < 0n ? 1n : 0n);
  const rest = micros - ms * MICROS_PER_MS;
  const iso = new Date(Number(ms)).toISOString();
  if (rest === 0n) return iso;
  return `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

/** The expression that turns a column's text back into its type (`cast(nullif(c3, chr(30)) as DATE)`);
 * `marked` says whether NULL arrives as NULL_MARK (joined text) or as a real NULL (bound lists). */
export function castExpression(source: string, type: DuckDBType, marked: boolean): string {
  const value = marked ? `nullif(${source}, chr(30))` : source;
  return type.typeId === DuckDBTypeId.VARCHAR ? value : `cast(${value} as ${type.toString()})`;
}
