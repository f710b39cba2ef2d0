// A purchase order as its facts tell it: header, lines with what was received, accepted and invoiced so far,
// approvals given, and its status (the latest status event). Read by commands keyed by the order
// (`orderKey`), which the writer plans only once every earlier command on that order has committed, so the
// facts are current.
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
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

export async function loadOrder(db: Database, number: string, path = 'order'): Promise<OrderState> {
  const [headers, lines, events] = await Promise.all([
    db.query('select * from facts.purchase_orders where document_number = ?', [number]),
    db.query(
      `select l.line_no, l.item_sku, l.quantity, l.unit_price, l.line_amount, l.expected_date,
              coalesce(r.received, 0) as received, coalesce(r.accepted, 0) as accepted,
              coalesce(i.invoiced, 0) as invoiced
       from facts.purchase_order_lines l
       left join (select order_line_no, sum(quantity_received) as received, sum(quantity_accepted) as accepted
                  from facts.goods_receipt_lines where order_number = $1 group by all) r
         on r.order_line_no = l.line_no
       left join (select order_line_no, sum(quantity) as invoiced
                  from facts.supplier_invoice_lines where order_number = $1 group by all) i
         on i.order_line_no = l.line_no
       where l.document_number = $1 order by l.line_no`,
      [number],
    ),
    db.query(
      'select event, status, role from facts.purchase_order_events where document_number = ? order by seq',
      [number],
    ),
  ]);
  const header = headers[0];
  if (!header) throw notFound('order_not_found', `no purchase order ${number}`, path);
  return {
    number,
    date: String(header.posting_date),
    supplier: String(header.supplier_code),
    warehouse: String(header.warehouse_code),
    net: minorFromString(String(header.net_amount)),
    requiredApprovals: String(header.required_approvals).split(',').filter(Boolean),
    approvedRoles: new Set(events.filter((e) => e.event === 'approval').map((e) => String(e.role))),
    status: String(events.at(-1)?.status ?? 'draft') as OrderStatus,
    createdBy: String(header.user_name),
    memo: header.memo === null ? null : String(header.memo),
    lines: lines.map((row) => ({
      lineNo: Number(row.line_no),
      sku: String(row.item_sku),
      ordered: milli(row.quantity),
      priceMicros: micros(row.unit_price),
      amount: minorFromString(String(row.line_amount)),
      expectedDate: String(row.expected_date),
      received: milli(row.received),
      accepted: milli(row.accepted),
      invoiced: milli(row.invoiced),
    })),
  };
}
