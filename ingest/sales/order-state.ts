// A sales order as its facts tell it: header, lines with what was shipped and invoiced so far, and its status
// (the latest status event). Read inside exclusive commands, which run once every earlier command has
// committed, so the facts are current.
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
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
}

const LINES_SQL = `
select l.line_no, l.item_sku, l.quantity, l.unit_price, l.discount_percent, l.net_amount, l.tax_amount,
       l.tax_code, l.promised_date,
       coalesce(s.shipped, 0) as shipped, coalesce(i.invoiced, 0) as invoiced,
       coalesce(i.net, 0) as invoiced_net, coalesce(i.tax, 0) as invoiced_tax
from facts.sales_order_lines l
left join (select order_line_no, sum(quantity) as shipped
           from facts.shipment_lines where order_number = $1 group by all) s
  on s.order_line_no = l.line_no
left join (select order_line_no, sum(quantity) as invoiced, sum(net_amount) as net, sum(tax_amount) as tax
           from facts.customer_invoice_lines where order_number = $1 and kind = 'invoice' group by all) i
  on i.order_line_no = l.line_no
where l.document_number = $1 order by l.line_no`;

export async function loadSalesOrder(db: Database, number: string, path = 'order'): Promise<SalesOrderState> {
  const [headers, lines, events] = await Promise.all([
    db.query('select * from facts.sales_orders where document_number = ?', [number]),
    db.query(LINES_SQL, [number]),
    db.query('select status from facts.sales_order_events where document_number = ? order by seq', [number]),
  ]);
  const header = headers[0];
  if (!header) throw notFound('sales_order_not_found', `no sales order ${number}`, path);
  const money = (value: unknown) => minorFromString(String(value));
  return {
    number,
    date: String(header.posting_date),
    customer: String(header.customer_code),
    warehouse: String(header.warehouse_code),
    salesperson: header.salesperson === null ? null : String(header.salesperson),
    net: money(header.net_amount),
    tax: money(header.tax_amount),
    gross: money(header.gross_amount),
    status: String(events.at(-1)?.status ?? 'draft') as SalesOrderStatus,
    createdBy: String(header.user_name),
    customerReference: header.customer_reference === null ? null : String(header.customer_reference),
    lines: lines.map((row) => ({
      lineNo: Number(row.line_no),
      sku: String(row.item_sku),
      ordered: milli(row.quantity),
      priceMicros: micros(row.unit_price),
      discountBp: scaled(row.discount_percent, 2),
      net: money(row.net_amount),
      tax: money(row.tax_amount),
      taxCode: String(row.tax_code),
      promisedDate: String(row.promised_date),
      shipped: milli(row.shipped),
      invoiced: milli(row.invoiced),
      invoicedNet: money(row.invoiced_net),
      invoicedTax: money(row.invoiced_tax),
    })),
  };
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
