// A report as an Arrow IPC stream for data teams (pandas, polars, DuckDB, Spark read it as it is): one
// column per report column, typed. Exact columns keep their database types, built from DuckDB's text of
// DECIMAL(18, 2) and DECIMAL(18, 3) values and never through floating point: money and percentages
// Decimal128(18, 2), stock quantities Decimal128(18, 3); ratios (days, turns) are doubles, dates days,
// integers 32-bit, text UTF-8.
import {
  type DataType,
  DateDay,
  Decimal,
  Float64,
  Int32,
  makeData,
  makeVector,
  Table,
  tableToIPC,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import { type ColumnDef, fieldOf, type ReportResult, type Row } from './definition.ts';

export const ARROW_MEDIA_TYPE = 'application/vnd.apache.arrow.stream';
/** Arrow's DECIMAL(18,2): the precision and scale of every amount in the ledger. */
const MONEY_PRECISION = 18;
const MONEY_SCALE = 2;
/** Stock quantities carry three decimals (ingest/inventory/quantity.ts). */
const QUANTITY_SCALE = 3;
const DECIMAL_BITS = 128;

export function renderArrow(result: ReportResult): Uint8Array {
  const columns: Record<string, Vector> = {};
  for (const column of result.columns) columns[column.name] = vectorOf(column, result.rows);
  return tableToIPC(new Table(columns), 'stream');
}

function vectorOf(column: ColumnDef, rows: Row[]): Vector {
  const values = rows.map((row) => cellOf(row, column.name));
  switch (column.type) {
    case 'money':
    case 'percent':
      return decimalVector(values, column.name, MONEY_SCALE);
    case 'quantity':
      return decimalVector(values, column.name, QUANTITY_SCALE);
    case 'number':
      // A ratio (days, turns), not money: a double is what a data team computes with.
      return vectorFromArray(
        values.map((value) => (value === null ? null : Number(value))),
        new Float64(),
      );
    case 'integer':
      return vectorFromArray(
        values.map((value) => (value === null ? null : Number(value))),
        new Int32(),
      );
    case 'date':
      return vectorFromArray(
        values.map((value) => (value === null ? null : new Date(`${String(value).slice(0, 10)}T00:00:00Z`))),
        new DateDay() as DataType,
      );
    default:
      return vectorFromArray(
        values.map((value) => (value === null ? null : String(value))),
        new Utf8(),
      );
  }
}

/** A row's value for a column (dotted names reach one level down); empty text is null. */
function cellOf(row: Row, name: string): unknown {
  const value = fieldOf(row, name);
  return value === undefined || value === '' ? null : value;
}

/** DECIMAL(18,scale) from exact decimal text: each value as a little-endian 128-bit two's complement. */
function decimalVector(values: unknown[], name: string, scale: number): Vector {
  const length = values.length;
  const words = new BigUint64Array(length * 2);
  const validity = new Uint8Array(Math.ceil(length / 8));
  let nullCount = 0;
  values.forEach((value, index) => {
    if (value === null) {
      nullCount++;
      return;
    }
    const unscaled = unscaledOf(String(value), scale);
    if (unscaled === null)
      throw new Error(`column ${name}: ${String(value)} is not a decimal of ${scale} places`);
    words[2 * index] = BigInt.asUintN(64, unscaled);
    words[2 * index + 1] = BigInt.asUintN(64, unscaled >> 64n);
    validity[index >> 3] = (validity[index >> 3] ?? 0) | (1 << (index & 7));
  });
  const type = new Decimal(scale, MONEY_PRECISION, DECIMAL_BITS);
  const data = makeData({
    type,
    length,
    nullCount,
    nullBitmap: nullCount > 0 ? validity : null,
    data: new Uint32Array(words.buffer),
  });
  return makeVector(data);
}

/** `-12.5` at scale 2 → -1250n; null for text that is not a decimal of at most `scale` places. */
function unscaledOf(text: string, scale: number): bigint | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match || (match[3] ?? '').length > scale) return null;
  const digits = BigInt(`${match[2]}${(match[3] ?? '').padEnd(scale, '0')}`);
  return match[1] === '-' ? -digits : digits;
}
