// Credit control at confirmation: what the customer owes (open receivables, unallocated cash and credit notes
// netted) plus what confirmed orders will still bill, plus this order, must stay within the credit limit.
import { listValue } from '@duckdb/node-api';
import type { Row } from '../db/database.ts';
import type { FactSource } from '../fact-reads.ts';
import { minorFromString } from '../money.ts';

/** Order statuses whose unbilled part counts as open orders in the exposure. */
export const OPEN_ORDER_STATUSES = ['confirmed', 'partly_delivered', 'delivered'] as const;

/**
 * The facts of each customer in the list $1 that its exposure sums, one row per fact tagged by `fact`: its
 * invoices and credit notes, its receipts, its orders, what invoices billed against them, and the orders'
 * status events. Plain scans (and one semi-join), summed in TypeScript: joins and aggregates cost DuckDB
 * several times as much for the same rows.
 */
const EXPOSURE_FACTS_SQL = `
select 'billed' as fact, customer_code, gross_amount as amount
from facts.customer_invoices where list_contains($1, customer_code)
union all by name
select 'received' as fact, customer_code, amount
from facts.customer_receipts where list_contains($1, customer_code)
union all by name
select 'order' as fact, customer_code, document_number, gross_amount as amount
from facts.sales_orders where list_contains($1, customer_code)
union all by name
select 'invoiced' as fact, customer_code, order_number as document_number, net_amount + tax_amount as amount
from facts.customer_invoice_lines where kind = 'invoice' and list_contains($1, customer_code)
union all by name
select 'event' as fact, document_number, seq, status
from facts.sales_order_events
where document_number in (select document_number from facts.sales_orders where list_contains($1, customer_code))`;

export interface CreditExposure {
  /** Cents: invoices and credit notes less receipts (unallocated cash included). */
  receivables: bigint;
  /**
   * Cents: the part of confirmed, partly delivered and delivered orders not invoiced yet. The order being
   * confirmed is a draft, so it is never among them.
   */
  openOrders: bigint;
}

/** Each customer's exposure (Command.reads, by a confirmation keyed by the customer). */
export const CREDIT_EXPOSURES: FactSource<CreditExposure> = {
  name: 'credit exposures',
  async load(db, customers) {
    const rows = await db.query(EXPOSURE_FACTS_SQL, [listValue([...customers])]);
    const exposures = new Map(customers.map((code) => [code, { receivables: 0n, openOrders: 0n }]));
    const amount = (row: Row) => minorFromString(String(row.amount));
    for (const row of rows) {
      const exposure = exposures.get(String(row.customer_code));
      if (row.fact === 'billed' && exposure) exposure.receivables += amount(row);
      if (row.fact === 'received' && exposure) exposure.receivables -= amount(row);
    }
    const unbilled = unbilledOpenOrders(rows);
    for (const row of rows.filter((candidate) => candidate.fact === 'order')) {
      const exposure = exposures.get(String(row.customer_code));
      if (exposure) exposure.openOrders += unbilled.get(String(row.document_number)) ?? 0n;
    }
    return exposures;
  },
};

/** Per order whose latest status is open: its gross less what invoices billed against it (cents). */
function unbilledOpenOrders(rows: Row[]): Map<string, bigint> {
  const latest = new Map<string, { seq: bigint; status: string }>();
  for (const row of rows.filter((candidate) => candidate.fact === 'event')) {
    const seq = BigInt(String(row.seq));
    const order = String(row.document_number);
    if (seq > (latest.get(order)?.seq ?? -1n)) latest.set(order, { seq, status: String(row.status) });
  }
  const open = new Set<string>(OPEN_ORDER_STATUSES);
  const unbilled = new Map<string, bigint>();
  for (const row of rows.filter((candidate) => candidate.fact === 'order' || candidate.fact === 'invoiced')) {
    const order = String(row.document_number);
    if (!open.has(latest.get(order)?.status ?? 'draft')) continue;
    const amount = minorFromString(String(row.amount));
    unbilled.set(order, (unbilled.get(order) ?? 0n) + (row.fact === 'order' ? amount : -amount));
  }
  return unbilled;
}
