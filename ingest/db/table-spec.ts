// The building blocks of table layouts: a spec, the money and rate types, and the provenance columns.
import { DECIMAL, type DuckDBType, TIMESTAMPTZ, VARCHAR } from '@duckdb/node-api';

export interface TableSpec {
  readonly schema: string;
  readonly table: string;
  readonly columns: ReadonlyArray<readonly [name: string, type: DuckDBType]>;
}

export const MONEY = DECIMAL(18, 2);
/** A rate with six decimals (fixed declining-balance rates of fixed assets). */
export const RATE = DECIMAL(7, 6);
/** Stock quantities in thousandths of the item's unit (ingest/inventory/quantity.ts). */
export const QUANTITY = DECIMAL(18, 3);
/** Unit costs and prices in millionths of the currency. */
export const UNIT_COST = DECIMAL(18, 6);
/** Tolerances in percent with two decimals. */
export const PERCENT = DECIMAL(5, 2);
/** Columns every fact row carries, after its own. */
export const PROVENANCE = [
  ['recorded_at', TIMESTAMPTZ],
  ['user_name', VARCHAR],
  ['idempotency_key', VARCHAR],
] as const;

export function spec(schema: string, table: string, columns: TableSpec['columns']): TableSpec {
  return { schema, table, columns };
}
