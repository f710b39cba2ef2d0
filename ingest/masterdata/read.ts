// Reading master data back: one record with every version it had (valid from / to), newest first.
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { customerJson, itemJson, supplierJson, warehouseJson } from './answers.ts';
import { customerFromRow, itemFromRow, supplierFromRow, warehouseFromRow } from './records.ts';

/** Versions of one key, each with the day before the next version's start as `valid_to` (null: current). */
async function versions(db: Database, table: string, key: string, code: string) {
  return db.query(
    `select *, lead(valid_from) over (order by version) - interval 1 day as valid_to_ts
     from facts.${table} where ${key} = ? order by version desc`,
    [code],
  );
}

const validTo = (value: unknown): string | null => (value === null ? null : String(value).slice(0, 10));

export async function getItem(db: Database, sku: string) {
  const rows = await versions(db, 'items', 'sku', sku);
  if (rows.length === 0) throw notFound('item_not_found', `no item ${sku}`);
  const history = rows.map((row) => ({ ...itemJson(itemFromRow(row)), valid_to: validTo(row.valid_to_ts) }));
  return { ...history[0], versions: history };
}

export async function getWarehouse(db: Database, code: string) {
  const rows = await versions(db, 'warehouses', 'warehouse_code', code);
  if (rows.length === 0) throw notFound('warehouse_not_found', `no warehouse ${code}`);
  const history = rows.map((row) => ({
    ...warehouseJson(warehouseFromRow(row)),
    valid_to: validTo(row.valid_to_ts),
  }));
  return { ...history[0], versions: history };
}

export async function getSupplier(db: Database, code: string) {
  const rows = await versions(db, 'suppliers', 'supplier_code', code);
  if (rows.length === 0) throw notFound('supplier_not_found', `no supplier ${code}`);
  const history = rows.map((row) => ({
    ...supplierJson(supplierFromRow(row)),
    valid_to: validTo(row.valid_to_ts),
  }));
  return { ...history[0], versions: history };
}

export async function getCustomer(db: Database, code: string) {
  const rows = await versions(db, 'customers', 'customer_code', code);
  if (rows.length === 0) throw notFound('customer_not_found', `no customer ${code}`);
  const history = rows.map((row) => ({
    ...customerJson(customerFromRow(row)),
    valid_to: validTo(row.valid_to_ts),
  }));
  return { ...history[0], versions: history };
}
