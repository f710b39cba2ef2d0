// Credit control at confirmation: what the customer owes (open receivables, unallocated cash and credit notes
// netted) plus what confirmed orders will still bill, plus this order, must stay within the credit limit.
import type { Database } from '../db/database.ts';
import { minorFromString } from '../money.ts';

/** Order statuses whose unbilled part counts as open orders in the exposure. */
export const OPEN_ORDER_STATUSES = ['confirmed', 'partly_delivered', 'delivered'] as const;

const EXPOSURE_SQL = `
with
billed as (
    select sum(gross_amount) as amount from facts.customer_invoices where customer_code = $1
),
received as (
    select sum(amount) as amount from facts.customer_receipts where customer_code = $1
),
statuses as (
    select document_number, arg_max(status, seq) as status
    from facts.sales_order_events
    where document_number in (select document_number from facts.sales_orders where customer_code = $1)
    group by document_number
),
open_orders as (
    select sum(o.gross_amount - coalesce(i.amount, 0)) as amount
    from facts.sales_orders o
    join statuses s on s.document_number = o.document_number
    left join (select order_number, sum(net_amount + tax_amount) as amount
               from facts.customer_invoice_lines where kind = 'invoice' group by order_number) i
      on i.order_number = o.document_number
    where s.status in (${OPEN_ORDER_STATUSES.map((status) => `'${status}'`).join(', ')}) and o.document_number <> $2
)
select
    (coalesce((select amount from billed), 0) - coalesce((select amount from received), 0))::decimal(18, 2)
        as receivables,
    coalesce((select amount from open_orders), 0)::decimal(18, 2) as open_orders`;

export interface CreditExposure {
  /** Cents: invoices and credit notes less receipts (unallocated cash included). */
  receivables: bigint;
  /** Cents: the part of other confirmed orders not invoiced yet. */
  openOrders: bigint;
}

export async function creditExposure(db: Database, customer: string, order: string): Promise<CreditExposure> {
  const [row] = await db.query(EXPOSURE_SQL, [customer, order]);
  return {
    receivables: minorFromString(String(row?.receivables ?? '0')),
    openOrders: minorFromString(String(row?.open_orders ?? '0')),
  };
}
