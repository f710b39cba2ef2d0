// A sales order as its facts tell it: header, lines with what was shipped and invoiced so far, and its status
// (the latest status event). Read by commands keyed by the order (`salesOrderKey`), which the writer plans
// only once every earlier command on that order has committed, so the facts are current.
import { listValue } from '@duckdb/node-api';
import type { Database, Row } from '../db/database.ts';
import { notFound } from '../errors.ts';
import type { FactSource } from '../fact-reads.ts';
import { micros, milli, scaled } from '../masterdata/records.ts';
import { formatMoney, minorFromString } from '../money.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { CommandContext } from '../writer.ts';

export type SalesOrderStatus =
  | 'draft'
  | 'confirmed'
  | 'partly_delivered'
  | 'delivered'
  | 'invoiced'
  | 'closed'
  | 'cancelled';

/** The process every sales document belongs to; the order number is the case. */
export const O2C_PROCESS = 'order_to_cash';
export const SALES_ORDER_TYPE = 'sales-order';

export interface SalesOrderLine {
  lineNo: number;
  sku: string;
  /** Thousandths. */
  ordered: bigint;
  /** Millionths per unit. */
  priceMicros: bigint;
  /** Basis points. */
  discountBp: bigint;
  /** Cents. */
  net: bigint;
  tax: bigint;
  taxCode: string;
  promisedDate: string;
  shipped: bigint;
  invoiced: bigint;
  /** Cents already invoiced on the line (net and tax), so the last invoice takes the remainder. */
  invoicedNet: bigint;
  invoicedTax: bigint;
}

/** A line of one of the order's shipments, with the cost it left at and whether an invoice billed it. */
export interface OrderShipmentLine {
  shipment: string;
  lineNo: number;
  orderLineNo: number;
  /** Thousandths; cents. */
  quantity: bigint;
  cost: bigint;
  isBilled: boolean;
}

export interface SalesOrderState {
  number: string;
  date: string;
  customer: string;
  warehouse: string;
  salesperson: string | null;
  net: bigint;
  tax: bigint;
  gross: bigint;
  status: SalesOrderStatus;
  createdBy: string;
  customerReference: string | null;
  lines: SalesOrderLine[];
  /** In the order shipped. */
  shipmentLines: OrderShipmentLine[];
}

/**
 * Every fact of the orders in the list $1, one row per fact tagged by `fact`: the header, the lines, the
 * status events, and the shipment and invoice lines against them. Plain scans, folded in TypeScript: a
 * query with joins and aggregates costs DuckDB several times as much for the same few rows.
 */
const ORDER_FACTS_SQL = `
select 'order' as fact, document_number, posting_date, customer_code, warehouse_code, salesperson,
       net_amount as order_net, tax_amount as order_tax, gross_amount as order_gross, user_name,
       customer_reference
from facts.sales_orders where list_contains($1, document_number)
union all by name
select 'line' as fact, document_number, line_no, item_sku, quantity, unit_price, discount_percent,
       net_amount, tax_amount, tax_code, promised_date
from facts.sales_order_lines where list_contains($1, document_number)
union all by name
select 'event' as fact, document_number, seq, status
from facts.sales_order_events where list_contains($1, document_number)
union all by name
select 'shipped' as fact, order_number as document_number, order_line_no as line_no, quantity as shipped,
       document_number as shipment_number, line_no as shipment_line_no, cost_amount, seq
from facts.shipment_lines where list_contains($1, order_number)
union all by name
select 'invoiced' as fact, order_number as document_number, order_line_no as line_no, quantity as invoiced,
       net_amount as invoiced_net, tax_amount as invoiced_tax, shipment_number, shipment_line_no
from facts.customer_invoice_lines where kind = 'invoice' and list_contains($1, order_number)`;

const money = (value: unknown) => minorFromString(String(value));

/** Sales orders by number, as their facts tell them (Command.reads, by commands keyed by the order). */
export const SALES_ORDERS: FactSource<SalesOrderState> = {
  name: 'sales orders',
  async load(db, numbers) {
    const rows = await db.query(ORDER_FACTS_SQL, [listValue([...numbers])]);
    const orders = new Map<string, SalesOrderState>();
    const lastEvent = new Map<string, bigint>();
    const facts = (kind: string) => rows.filter((row) => row.fact === kind);
    for (const row of facts('order')) orders.set(String(row.document_number), orderOf(row));
    const lineOfRow = (row: Row) =>
      orders.get(String(row.document_number))?.lines.find((line) => line.lineNo === Number(row.line_no));
    for (const row of facts('line')) orders.get(String(row.document_number))?.lines.push(lineOf(row));
    for (const order of orders.values()) order.lines.sort((a, b) => a.lineNo - b.lineNo);
    for (const row of facts('event')) {
      const order = orders.get(String(row.document_number));
      const seq = BigInt(String(row.seq));
      if (!order || seq < (lastEvent.get(order.number) ?? 0n)) continue;
      lastEvent.set(order.number, seq);
      order.status = String(row.status) as SalesOrderStatus;
    }
    for (const row of facts('shipped')) {
      const line = lineOfRow(row);
      if (line) line.shipped += milli(row.shipped);
    }
    for (const row of facts('invoiced')) {
      const line = lineOfRow(row);
      if (!line) continue;
      line.invoiced += milli(row.invoiced);
      line.invoicedNet += money(row.invoiced_net);
      line.invoicedTax += money(row.invoiced_tax);
    }
    addShipmentLines(orders, facts('shipped'), facts('invoiced'));
    return orders;
  },
};

/** Each order's shipment lines in the order shipped, each marked billed when an invoice line names it. */
function addShipmentLines(orders: Map<string, SalesOrderState>, shipped: Row[], invoiced: Row[]): void {
  const lineKey = (row: Row) => `${row.shipment_number}:${row.shipment_line_no}`;
  const billed = new Set(invoiced.map(lineKey));
  const bySeq = shipped.sort((a, b) => (BigInt(String(a.seq)) < BigInt(String(b.seq)) ? -1 : 1));
  for (const row of bySeq) {
    orders.get(String(row.document_number))?.shipmentLines.push({
      shipment: String(row.shipment_number),
      lineNo: Number(row.shipment_line_no),
      orderLineNo: Number(row.line_no),
      quantity: milli(row.shipped),
      cost: money(row.cost_amount),
      isBilled: billed.has(lineKey(row)),
    });
  }
}

function orderOf(row: Row): SalesOrderState {
  return {
    number: String(row.document_number),
    date: String(row.posting_date),
    customer: String(row.customer_code),
    warehouse: String(row.warehouse_code),
    salesperson: row.salesperson === null ? null : String(row.salesperson),
    net: money(row.order_net),
    tax: money(row.order_tax),
    gross: money(row.order_gross),
    status: 'draft',
    createdBy: String(row.user_name),
    customerReference: row.customer_reference === null ? null : String(row.customer_reference),
    lines: [],
    shipmentLines: [],
  };
}

function lineOf(row: Row): SalesOrderLine {
  return {
    lineNo: Number(row.line_no),
    sku: String(row.item_sku),
    ordered: milli(row.quantity),
    priceMicros: micros(row.unit_price),
    discountBp: scaled(row.discount_percent, 2),
    net: money(row.net_amount),
    tax: money(row.tax_amount),
    taxCode: String(row.tax_code),
    promisedDate: String(row.promised_date),
    shipped: 0n,
    invoiced: 0n,
    invoicedNet: 0n,
    invoicedTax: 0n,
  };
}

/** The order as a command reads it (announced in its `reads`); refused as not found when there is none. */
export async function readSalesOrder(ctx: CommandContext, number: string, path = 'order') {
  const order = await ctx.read(SALES_ORDERS, number);
  if (!order) throw notFound('sales_order_not_found', `no sales order ${number}`, path);
  return order;
}

export async function loadSalesOrder(db: Database, number: string, path = 'order'): Promise<SalesOrderState> {
  const order = (await SALES_ORDERS.load(db, [number])).get(number);
  if (!order) throw notFound('sales_order_not_found', `no sales order ${number}`, path);
  return order;
}

/** Delivered in full, in part, or not yet, from the shipped quantities. */
export function deliveryStatus(lines: readonly SalesOrderLine[]): SalesOrderStatus {
  if (lines.every((line) => line.shipped >= line.ordered)) return 'delivered';
  return lines.some((line) => line.shipped > 0n) ? 'partly_delivered' : 'confirmed';
}

export interface SalesOrderEvent {
  event: string;
  status: string;
  role?: string;
  reason?: string | undefined;
  /** The document that caused the change (a shipment, an invoice), as type and number. */
  causedBy?: { type: string; number: string };
  /** The credit check at confirmation: the limit and the exposure with this order (cents). */
  credit?: { limit: bigint; exposure: bigint };
}

/** A state change of a sales order: its own fact and the process event of the order-to-cash case. */
export function appendSalesOrderEvent(
  ctx: CommandContext,
  number: string,
  date: string,
  event: SalesOrderEvent,
): void {
  const cents = (value: bigint | undefined) => (value === undefined ? null : formatMoney(value));
  ctx.rows.push('salesOrderEvents', {
    seq: ctx.nextSeq(),
    document_type: SALES_ORDER_TYPE,
    document_number: number,
    event: event.event,
    status: event.status,
    role: event.role ?? null,
    posting_date: date,
    reason: event.reason ?? null,
    caused_by_document: event.causedBy?.number ?? null,
    credit_limit: cents(event.credit?.limit),
    credit_exposure: cents(event.credit?.exposure),
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  });
  appendProcessEvent(ctx, {
    process: O2C_PROCESS,
    caseId: number,
    activity: `order_${event.event}`,
    documentType: event.causedBy?.type ?? SALES_ORDER_TYPE,
    documentNumber: event.causedBy?.number ?? number,
    postingDate: date,
  });
}
