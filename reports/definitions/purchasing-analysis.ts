// Purchasing analysis: the supplier ledger (invoices and payments with a running balance) and purchases by
// supplier, item and month (what was received, invoiced and the price variance).
import { z } from 'zod';
import { Code, IsoDate } from '../../ingest/index.ts';
import { column, defineReport } from '../definition.ts';
import { JOURNAL_JOIN, JOURNAL_OF_DOCUMENT } from './journal-of-document.ts';

export const ANALYSIS_ROWS_MAX = 5_000;

export const supplierLedger = defineReport({
  id: 'supplier-ledger',
  title: 'Supplier ledger',
  description:
    'Invoices (credit) and payments (debit) of one supplier between from and to, in date order, with the ' +
    `opening balance, the running balance owed and the journal each document posted; at most ${ANALYSIS_ROWS_MAX} entries.`,
  kind: 'report',
  params: z.strictObject({ supplier: Code, from: IsoDate, to: IsoDate }),
  sql: `
with

entries as (
    select invoice_date as entry_date, invoice_number as document, 'invoice' as kind,
        supplier_reference as reference, 0 as debit, gross_amount as credit, seq
    from marts.fct_supplier_invoices where supplier_code = $supplier
    union all
    select payment_date, payment_number, 'payment', invoice_number, amount, 0, seq
    from marts.fct_supplier_payments where supplier_code = $supplier
),

opening as (
    select coalesce(sum(credit - debit), 0) as balance from entries where entry_date < cast($from as date)
),

ledger as (
    select
        entry_date, document, kind, reference,
        debit::decimal(18, 2) as debit, credit::decimal(18, 2) as credit,
        ((select balance from opening)
            + sum(credit - debit) over (order by entry_date, seq rows unbounded preceding))::decimal(18, 2)
            as balance,
        seq
    from entries
    where entry_date between cast($from as date) and cast($to as date)
    order by entry_date, seq
    limit ${ANALYSIS_ROWS_MAX}
)

select ledger.* exclude (seq), ${JOURNAL_OF_DOCUMENT}
from ledger
${JOURNAL_JOIN('ledger.document')}
order by ledger.entry_date, ledger.seq`,
  totalsSql: `
select coalesce(sum(gross_amount) filter (where invoice_date < cast($from as date)), 0)
    - coalesce((select sum(amount) from marts.fct_supplier_payments
        where supplier_code = $supplier and payment_date < cast($from as date)), 0) as opening_balance
from marts.fct_supplier_invoices where supplier_code = $supplier`,
  columns: [
    column('entry_date', 'Date', 'date'),
    column('document', 'Document', 'text'),
    column('kind', 'Kind', 'text'),
    column('reference', 'Reference', 'text'),
    column('debit', 'Paid', 'money'),
    column('credit', 'Invoiced', 'money'),
    column('balance', 'Balance owed', 'money'),
    column('journal', 'Journal', 'text'),
  ],
});

const PURCHASE_LINES = `
from marts.fct_purchase_order_lines
where order_date between cast($from as date) and cast($to as date) and status <> 'cancelled'
    and (cast($supplier as varchar) is null or supplier_code = $supplier)
    and (cast($item as varchar) is null or item_sku = $item)
    and (cast($warehouse as varchar) is null or warehouse_code = $warehouse)`;

export const purchaseAnalysis = defineReport({
  id: 'purchase-analysis',
  title: 'Purchase analysis',
  description:
    'Per month, supplier and item for orders dated between from and to: quantity and value ordered, ' +
    'quantity accepted, value billed and the price variance. Filters: supplier, item, warehouse. Totals ' +
    'over every line: ordered value, billed, price variance, suppliers.',
  kind: 'report',
  params: z.strictObject({
    from: IsoDate,
    to: IsoDate,
    supplier: Code.optional(),
    item: Code.optional(),
    warehouse: Code.optional(),
  }),
  sql: `
select
    strftime(order_date, '%Y-%m') as period,
    supplier_code as supplier,
    item_sku as item,
    sum(quantity_ordered)::decimal(18, 3) as quantity_ordered,
    sum(line_amount)::decimal(18, 2) as ordered_value,
    sum(quantity_accepted)::decimal(18, 3) as quantity_accepted,
    sum(billed_amount)::decimal(18, 2) as billed_amount,
    sum(price_variance)::decimal(18, 2) as price_variance
${PURCHASE_LINES}
group by all
order by period, supplier, item
limit ${ANALYSIS_ROWS_MAX}`,
  totalsSql: `
select
    coalesce(sum(line_amount), 0)::decimal(18, 2) as ordered_value,
    coalesce(sum(billed_amount), 0)::decimal(18, 2) as billed_amount,
    coalesce(sum(price_variance), 0)::decimal(18, 2) as price_variance,
    count(distinct supplier_code)::integer as suppliers,
    count(distinct order_number)::integer as orders
${PURCHASE_LINES}`,
  columns: [
    column('period', 'Month', 'text'),
    column('supplier', 'Supplier', 'text'),
    column('item', 'Item', 'text'),
    column('quantity_ordered', 'Ordered', 'quantity'),
    column('ordered_value', 'Ordered value', 'money'),
    column('quantity_accepted', 'Accepted', 'quantity'),
    column('billed_amount', 'Billed', 'money'),
    column('price_variance', 'Price variance', 'money'),
  ],
  chart: {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Value ordered per month, stacked by supplier',
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: 'Month' },
      y: { field: 'ordered_value', type: 'quantitative', aggregate: 'sum', title: 'Ordered value' },
      color: { field: 'supplier', type: 'nominal', title: 'Supplier' },
    },
  },
});
