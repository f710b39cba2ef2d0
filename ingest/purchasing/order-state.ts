// A purchase order as its facts tell it: header, lines with what was received, accepted and invoiced so far,
// approvals given, and its status (the latest status event). Read by commands keyed by the order
// (`orderKey`), which the writer plans only once every earlier command on that order has committed, so the
// facts are current; announced in their `reads`, the orders of a batch load together.
import { listValue } from '@duckdb/node-api';
import type { CommandContext } from '../command-context.ts';
import type { Database, Row } from '../db/database.ts';
import { notFound } from '../errors.ts';
import type { FactSource } from '../fact-reads.ts';
import { micros, milli } from '../masterdata/records.ts';
import { minorFromString } from '../money.ts';

export type OrderStatus =
  | 'draft'
  | 'approved'
  | 'sent'
  | 'partly_received'
  | 'received'
  | 'closed'
  | 'cancelled';

/** The process every purchasing document belongs to; the order number is the case. */
export const P2P_PROCESS = 'procure_to_pay';
export const PURCHASE_ORDER_TYPE = 'purchase-order';

/** The writer's key of an order's facts (Command.keys): its state changes, receipts and invoice lines. */
export const orderKey = (number: string): string => `${PURCHASE_ORDER_TYPE}:${number}`;

export interface OrderLine {
  lineNo: number;
  sku: string;
  /** Thousandths. */
  ordered: bigint;
  /** Millionths per unit. */
  priceMicros: bigint;
  /** Cents. */
  amount: bigint;
  expectedDate: string;
  received: bigint;
  accepted: bigint;
  invoiced: bigint;
}

export interface OrderState {
  number: string;
  date: string;
  supplier: string;
  warehouse: string;
  net: bigint;
  requiredApprovals: string[];
  approvedRoles: Set<string>;
  status: OrderStatus;
  createdBy: string;
  memo: string | null;
  lines: OrderLine[];
}

/**
 * Every fact of the orders in the list $1, one row per fact tagged by `fact`: the header, the lines, the
 * status events, and the receipt and invoice lines against them. Plain scans, folded in TypeScript: a query
 * with joins and aggregates costs DuckDB several times as much for the same few rows.
 */
const ORDER_FACTS_SQL = `
select 'order' as fact, document_number, posting_date, supplier_code, warehouse_code, net_amount,
       required_approvals, user_name, memo
from facts.purchase_orders where list_contains($1, document_number)
union all by name
select 'line' as fact, document_number, line_no, item_sku, quantity, unit_price, line_amount, expected_date
from facts.purchase_order_lines where list_contains($1, document_number)
union all by name
select 'event' as fact, document_number, seq, event, status, role
from facts.purchase_order_events where list_contains($1, document_number)
union all by name
select 'received' as fact, order_number as document_number, order_line_no as line_no, quantity_received,
       quantity_accepted
from facts.goods_receipt_lines where list_contains($1, order_number)
union all by name
select 'invoiced' as fact, order_number as document_number, order_line_no as line_no, quantity as invoiced
from facts.supplier_invoice_lines where list_contains($1, order_number)`;

/** Purchase orders by number, as their facts tell them (Command.reads, by commands keyed by the order). */
export const PURCHASE_ORDERS: FactSource<OrderState> = {
  name: 'purchase orders',
  async load(db, numbers) {
    const rows = await db.query(ORDER_FACTS_SQL, [listValue([...numbers])]);
    const orders = new Map<string, OrderState>();
    const facts = (kind: string) => rows.filter((row) => row.fact === kind);
    for (const row of facts('order')) orders.set(String(row.document_number), orderOf(row));
    for (const row of facts('line')) orders.get(String(row.document_number))?.lines.push(lineOf(row));
    for (const order of orders.values()) order.lines.sort((a, b) => a.lineNo - b.lineNo);
    const events = facts('event').sort((a, b) => (BigInt(String(a.seq)) < BigInt(String(b.seq)) ? -1 : 1));
    for (const row of events) {
      const order = orders.get(String(row.document_number));
      if (!order) continue;
      order.status = String(row.status) as OrderStatus;
      if (row.event === 'approval') order.approvedRoles.add(String(row.role));
    }
    const lineOfRow = (row: Row) =>
      orders.get(String(row.document_number))?.lines.find((line) => line.lineNo === Number(row.line_no));
    for (const row of facts('received')) {
      const line = lineOfRow(row);
      if (!line) continue;
      line.received += milli(row.quantity_received);
      line.accepted += milli(row.quantity_accepted);
    }
    for (const row of facts('invoiced')) {
      const line = lineOfRow(row);
      if (line) line.invoiced += milli(row.invoiced);
    }
    return orders;
  },
};

function orderOf(row: Row): OrderState {
  return {
    number: String(row.document_number),
    date: String(row.posting_date),
    supplier: String(row.supplier_code),
    warehouse: String(row.warehouse_code),
    net: minorFromString(String(row.net_amount)),
    requiredApprovals: String(row.required_approvals).split(',').filter(Boolean),
    approvedRoles: new Set(),
    status: 'draft',
    createdBy: String(row.user_name),
    memo: row.memo === null ? null : String(row.memo),
    lines: [],
  };
}

function lineOf(row: Row): OrderLine {
  return {
    lineNo: Number(row.line_no),
    sku: String(row.item_sku),
    ordered: milli(row.quantity),
    priceMicros: micros(row.unit_price),
    amount: minorFromString(String(row.line_amount)),
    expectedDate: String(row.expected_date),
    received: 0n,
    accepted: 0n,
    invoiced: 0n,
  };
}

/** The order as a command reads it (announced in its `reads`); refused as not found when there is none. */
export async function readOrder(ctx: CommandContext, number: string, path = 'order'): Promise<OrderState> {
  const order = await ctx.read(PURCHASE_ORDERS, number);
  if (!order) throw notFound('order_not_found', `no purchase order ${number}`, path);
  return order;
}

export async function loadOrder(db: Database, number: string, path = 'order'): Promise<OrderState> {
  const order = (await PURCHASE_ORDERS.load(db, [number])).get(number);
  if (!order) throw notFound('order_not_found', `no purchase order ${number}`, path);
  return order;
}
