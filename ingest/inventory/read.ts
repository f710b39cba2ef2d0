// Reading warehouse documents back (their lines and stock moves) and the stock balance as of a date.
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import type { StockBalanceQuery } from './schema.ts';

/** The table of each warehouse document type's lines. */
const LINE_TABLES = {
  'stock-issue': 'stock_issue_lines',
  'stock-transfer': 'stock_transfer_lines',
  'stock-count': 'stock_count_lines',
} as const;
export type StockDocumentType = keyof typeof LINE_TABLES;

const PROVENANCE = new Set(['seq', 'recorded_at', 'idempotency_key', 'document_type', 'document_number']);
const strip = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([key]) => !PROVENANCE.has(key)));

export async function getStockDocument(db: Database, type: StockDocumentType, number: string) {
  const [lines, moves] = await Promise.all([
    db.query(`select * from facts.${LINE_TABLES[type]} where document_number = ? order by line_no`, [number]),
    db.query(
      `select line_no, move_no, move_type, item_sku as item, warehouse_code as warehouse, batch, expiry_date,
              quantity, unit_cost, value
       from facts.stock_moves where document_number = ? order by move_no`,
      [number],
    ),
  ]);
  const first = lines[0];
  if (!first) throw notFound(`${type.replace('-', '_')}_not_found`, `no ${type} ${number}`);
  return {
    number,
    document_type: type,
    posting_date: first.posting_date,
    user: first.user_name,
    lines: lines.map(strip),
    moves,
  };
}

/** Quantity and value on hand per item, warehouse and batch at the end of `as_of`, from the stock moves. */
export async function stockBalance(db: Database, query: StockBalanceQuery) {
  const rows = await db.query(
    `select item_sku as item, warehouse_code as warehouse, batch, min(expiry_date) as expiry_date,
            sum(quantity) as quantity, sum(value) as value
     from facts.stock_moves
     where posting_date <= ?::date and (?::varchar is null or item_sku = ?) and (?::varchar is null or warehouse_code = ?)
     group by all having sum(quantity) <> 0 or sum(value) <> 0
     order by item, warehouse, batch nulls first limit ?`,
    [
      query.as_of,
      query.item ?? null,
      query.item ?? null,
      query.warehouse ?? null,
      query.warehouse ?? null,
      query.limit,
    ],
  );
  const [total] = await db.query(
    `select coalesce(sum(value), 0) as value from facts.stock_moves
     where posting_date <= ?::date and (?::varchar is null or item_sku = ?) and (?::varchar is null or warehouse_code = ?)`,
    [query.as_of, query.item ?? null, query.item ?? null, query.warehouse ?? null, query.warehouse ?? null],
  );
  return { as_of: query.as_of, rows, totals: { value: String(total?.value ?? '0.00') } };
}
