// Sales analysis from the invoice lines: revenue, cost and margin by customer, item, category, salesperson or
// month; gross margin with the previous period beside it; and the margin of every invoice line. The cost is the
// one actually posted (the shipment's cost, less what returns brought back), never a standard cost.
import { z } from 'zod';
import { Code } from '../../ingest/index.ts';
import { comparisonRange } from '../dates.ts';
import { column, defineReport } from '../definition.ts';
import { checkRangeOrder, dateRange } from '../params.ts';

/** Rows a sales analysis or the invoice-line margin answers at most. */
export const SALES_ROWS_MAX = 5_000;

/** What the analysis groups by, and the column of fct_invoice_lines each means (a fixed list, never input). */
const DIMENSIONS = {
  customer: 'customer_code',
  item: 'item_sku',
  category: 'item_category',
  salesperson: 'salesperson',
  month: 'period',
} as const;
type Dimension = keyof typeof DIMENSIONS;
const By = (fallback: Dimension) =>
  z.enum(Object.keys(DIMENSIONS) as [Dimension, ...Dimension[]]).default(fallback);

const percentOf = (part: string, whole: string) =>
  `case when ${whole} <> 0 then round(100.0 * ${part} / ${whole}, 2) end`;

const ANALYSIS_LINES = `
from marts.fct_invoice_lines
where invoice_date between cast($from as date) and cast($to as date)
    and (cast($customer as varchar) is null or customer_code = $customer)`;

/** Groups in key order; with `top`, the groups of largest net revenue first (ties by key), at most `top`. */
const analysisSql = (by: Dimension, isTop: boolean) => `
select
    ${DIMENSIONS[by]} as key,
    sum(quantity)::decimal(18, 3) as quantity,
    count(distinct invoice_number) filter (where kind = 'invoice')::integer as invoices,
    coalesce(sum(net_amount) filter (where kind = 'invoice'), 0)::decimal(18, 2) as invoiced,
    coalesce(sum(net_amount) filter (where kind = 'credit_note'), 0)::decimal(18, 2) as credited,
    sum(net_amount)::decimal(18, 2) as net_revenue,
    sum(cost_amount)::decimal(18, 2) as cost,
    sum(margin_amount)::decimal(18, 2) as margin,
    ${percentOf('sum(margin_amount)', 'sum(net_amount)')} as margin_percent
${ANALYSIS_LINES}
group by 1
order by ${isTop ? 'net_revenue desc, 1' : '1'}
limit coalesce(cast($top as integer), ${SALES_ROWS_MAX})`;

/** The revenue and margin of each group side by side: months, customers or categories read the same way. */
const ANALYSIS_CHART = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  description: 'Net revenue and gross margin per group (month, customer, item, category or salesperson)',
  transform: [
    { fold: ['net_revenue', 'margin'], as: ['measure', 'amount'] },
    { calculate: "datum.measure === 'margin' ? 'Gross margin' : 'Net revenue'", as: 'measure' },
  ],
  mark: { type: 'bar' },
  encoding: {
    x: { field: 'key', type: 'nominal', title: null, sort: null },
    xOffset: { field: 'measure', type: 'nominal', sort: ['Net revenue', 'Gross margin'] },
    y: { field: 'amount', type: 'quantitative', title: 'Amount' },
    color: {
      field: 'measure',
      type: 'nominal',
      title: null,
      sort: ['Net revenue', 'Gross margin'],
      scale: { range: ['#4c78a8', '#54a24b'] },
    },
  },
};

export const salesAnalysis = defineReport({
  id: 'sales-analysis',
  title: 'Sales analysis',
  description:
    'Invoiced and credited net revenue, cost posted and gross margin between from and to, grouped `by` ' +
    'customer, item, category, salesperson or month (default), in key order; with `top`, only the `top` ' +
    'groups of largest net revenue, largest first. Filter: customer. Totals cover every group (`groups` ' +
    'counts them).',
  kind: 'report',
  params: z
    .strictObject({
      ...dateRange,
      by: By('month'),
      customer: Code.optional(),
      top: z.coerce.number().int().min(1).max(SALES_ROWS_MAX).optional(),
    })
    .superRefine(checkRangeOrder),
  sql: (params) => analysisSql(params.by, params.top !== undefined),
  totalsSql: (params) => `
select sum(net_amount)::decimal(18, 2) as net_revenue, sum(cost_amount)::decimal(18, 2) as cost,
    sum(margin_amount)::decimal(18, 2) as margin,
    ${percentOf('sum(margin_amount)', 'sum(net_amount)')} as margin_percent,
    count(distinct ${DIMENSIONS[params.by]})::integer as groups
${ANALYSIS_LINES}`,
  columns: [
    column('key', 'Group', 'text'),
    column('quantity', 'Quantity', 'quantity'),
    column('invoices', 'Invoices', 'integer'),
    column('invoiced', 'Invoiced', 'money'),
    column('credited', 'Credited', 'money'),
    column('net_revenue', 'Net revenue', 'money'),
    column('cost', 'Cost of goods sold', 'money'),
    column('margin', 'Gross margin', 'money'),
    column('margin_percent', 'Margin', 'percent'),
  ],
  chart: ANALYSIS_CHART,
  workbook: { sheet: 'Sales analysis', freezeHeader: true },
});

const marginSql = (by: Dimension) => `
with

lines as (
    select
        ${DIMENSIONS[by]} as key,
        invoice_date between cast($from as date) and cast($to as date) as is_current,
        net_amount,
        cost_amount,
        margin_amount
    from marts.fct_invoice_lines
    where invoice_date between cast($comparison_from as date) and cast($to as date)
)

select
    key,
    coalesce(sum(net_amount) filter (where is_current), 0)::decimal(18, 2) as net_revenue,
    coalesce(sum(cost_amount) filter (where is_current), 0)::decimal(18, 2) as cost,
    coalesce(sum(margin_amount) filter (where is_current), 0)::decimal(18, 2) as margin,
    ${percentOf('sum(margin_amount) filter (where is_current)', 'sum(net_amount) filter (where is_current)')}
        as margin_percent,
    coalesce(sum(net_amount) filter (where not is_current), 0)::decimal(18, 2) as previous_net_revenue,
    coalesce(sum(margin_amount) filter (where not is_current), 0)::decimal(18, 2) as previous_margin,
    ${percentOf('sum(margin_amount) filter (where not is_current)', 'sum(net_amount) filter (where not is_current)')}
        as previous_margin_percent,
    (coalesce(sum(margin_amount) filter (where is_current), 0)
        - coalesce(sum(margin_amount) filter (where not is_current), 0))::decimal(18, 2) as margin_change
from lines
group by key
order by margin desc, key
limit ${SALES_ROWS_MAX}`;

export const grossMargin = defineReport({
  id: 'gross-margin',
  title: 'Gross margin',
  description:
    'Net revenue, cost of goods sold as posted and gross margin between from and to, grouped `by` item ' +
    '(default), customer, category, salesperson or month, beside the previous period of the same length ' +
    '(whole months when from and to are month bounds) and the change in margin.',
  kind: 'report',
  params: z.strictObject({ ...dateRange, by: By('item') }).superRefine(checkRangeOrder),
  bind(params) {
    const previous = comparisonRange(params.from, params.to, 'previous-period');
    return { comparison_from: previous?.from ?? params.from, comparison_to: previous?.to ?? params.from };
  },
  sql: (params) => marginSql(params.by),
  columns: [
    column('key', 'Group', 'text'),
    column('net_revenue', 'Net revenue', 'money'),
    column('cost', 'Cost of goods sold', 'money'),
    column('margin', 'Gross margin', 'money'),
    column('margin_percent', 'Margin', 'percent'),
    column('previous_net_revenue', 'Previous net revenue', 'money'),
    column('previous_margin', 'Previous margin', 'money'),
    column('previous_margin_percent', 'Previous margin %', 'percent'),
    column('margin_change', 'Change in margin', 'money'),
  ],
  workbook: { sheet: 'Gross margin', freezeHeader: true },
});

export const invoiceMargin = defineReport({
  id: 'invoice-margin',
  title: 'Margin per invoice line',
  description:
    'Every invoice and credit note line between from and to with quantity, net revenue, the cost posted for ' +
    `it and the gross margin. Filters: customer, item. At most ${SALES_ROWS_MAX} lines.`,
  kind: 'report',
  params: z
    .strictObject({ ...dateRange, customer: Code.optional(), item: Code.optional() })
    .superRefine(checkRangeOrder),
  sql: `
select invoice_number, line_no, kind, invoice_date, customer_code as customer, item_sku as item, quantity,
    net_amount, cost_amount, margin_amount, ${percentOf('margin_amount', 'net_amount')} as margin_percent
from marts.fct_invoice_lines
where invoice_date between cast($from as date) and cast($to as date)
    and (cast($customer as varchar) is null or customer_code = $customer)
    and (cast($item as varchar) is null or item_sku = $item)
order by invoice_date, invoice_number, line_no
limit ${SALES_ROWS_MAX}`,
  columns: [
    column('invoice_number', 'Document', 'text'),
    column('line_no', 'Line', 'integer'),
    column('kind', 'Kind', 'text'),
    column('invoice_date', 'Date', 'date'),
    column('customer', 'Customer', 'text'),
    column('item', 'Item', 'text'),
    column('quantity', 'Quantity', 'quantity'),
    column('net_amount', 'Net revenue', 'money'),
    column('cost_amount', 'Cost', 'money'),
    column('margin_amount', 'Margin', 'money'),
    column('margin_percent', 'Margin %', 'percent'),
  ],
});
