// Purchasing reports over the order-line mart: the open orders still to be delivered, and each supplier's
// deliveries against the expected dates (the on-time rate).
import { z } from 'zod';
import { Code, IsoDate } from '../../ingest/index.ts';
import { column, defineReport } from '../definition.ts';
import { onTimeChart } from './delivery-chart.ts';

/** Open order lines on one answer at most. */
export const OPEN_ORDER_ROWS_MAX = 5_000;

export const OpenOrdersParams = z.strictObject({
  supplier: Code.optional(),
  warehouse: Code.optional(),
  /** Only lines expected by this date (late ones when it is today). */
  expected_by: IsoDate.optional(),
  /** Lines answered, oldest expected first; the totals cover every open line. */
  limit: z.coerce.number().int().min(1).max(OPEN_ORDER_ROWS_MAX).default(OPEN_ORDER_ROWS_MAX),
});

const OPEN_LINES = `
with

open_lines as (
    select
        order_number, line_no, order_date, supplier_code as supplier, warehouse_code as warehouse, status,
        item_sku as item, quantity_ordered, quantity_accepted, quantity_open, unit_price,
        (quantity_open * unit_price)::decimal(18, 2) as open_value, expected_date
    from marts.fct_purchase_order_lines
    where status in ('approved', 'sent', 'partly_received') and quantity_open > 0
        and (cast($supplier as varchar) is null or supplier_code = $supplier)
        and (cast($warehouse as varchar) is null or warehouse_code = $warehouse)
        and (cast($expected_by as date) is null or expected_date <= cast($expected_by as date))
)
`;

export const openPurchaseOrders = defineReport({
  id: 'open-purchase-orders',
  title: 'Open purchase orders',
  description:
    'Order lines approved, sent or partly received with quantity still to come, oldest expected date first. ' +
    `Filters: supplier, warehouse, expected_by. At most ${OPEN_ORDER_ROWS_MAX} lines (limit); the totals ` +
    '(lines, orders, open value, oldest expected and order dates) cover every open line.',
  kind: 'report',
  params: OpenOrdersParams,
  sql: `${OPEN_LINES}
select * from open_lines
order by expected_date, order_number, line_no
limit $limit`,
  // Each line's open value is rounded to the cent first, so the total is the sum of the lines shown.
  totalsSql: `${OPEN_LINES}
select
    count(*)::integer as lines,
    count(distinct order_number)::integer as orders,
    coalesce(sum(open_value), 0)::decimal(18, 2) as open_value,
    min(expected_date) as oldest_expected_date,
    min(order_date) as oldest_order_date
from open_lines`,
  columns: [
    column('order_number', 'Order', 'text'),
    column('line_no', 'Line', 'integer'),
    column('supplier', 'Supplier', 'text'),
    column('item', 'Item', 'text'),
    column('quantity_ordered', 'Ordered', 'quantity'),
    column('quantity_open', 'Open', 'quantity'),
    column('open_value', 'Open value', 'money'),
    column('expected_date', 'Expected', 'date'),
    column('status', 'Status', 'text'),
  ],
});

export const SupplierDeliveryParams = z.strictObject({
  from: IsoDate,
  to: IsoDate,
  warehouse: Code.optional(),
});

const PER_SUPPLIER = `
with

per_supplier as (
    select
        supplier_code as supplier,
        count(*) as lines_expected,
        count(*) filter (where is_delivered_on_time is not null) as lines_delivered,
        count(*) filter (where is_delivered_on_time) as lines_on_time,
        sum(quantity_rejected) as quantity_rejected
    from marts.fct_purchase_order_lines
    where expected_date between cast($from as date) and cast($to as date) and status <> 'cancelled'
        and (cast($warehouse as varchar) is null or warehouse_code = $warehouse)
    group by supplier_code
)
`;

/** On time ÷ delivered in full, in percent with one decimal; null while nothing was delivered in full. */
const onTimePercent = (onTime: string, delivered: string) =>
  `round(100.0 * ${onTime} / nullif(${delivered}, 0), 1)`;

export const supplierDelivery = defineReport({
  id: 'supplier-delivery',
  title: 'Supplier deliveries: on-time rate',
  description:
    'Per supplier, the order lines expected between from and to, how many were fully delivered, how many by ' +
    'the expected date, the on-time rate in percent (on time ÷ delivered in full: a line still open counts ' +
    'only once delivered), and the quantity rejected at inspection; totals over every supplier. Filter: ' +
    'warehouse.',
  kind: 'report',
  params: SupplierDeliveryParams,
  sql: `${PER_SUPPLIER}
select
    supplier,
    lines_expected::integer as lines_expected,
    lines_delivered::integer as lines_delivered,
    lines_on_time::integer as lines_on_time,
    ${onTimePercent('lines_on_time', 'lines_delivered')} as on_time_percent,
    quantity_rejected::decimal(18, 3) as quantity_rejected
from per_supplier
order by supplier`,
  totalsSql: `${PER_SUPPLIER}
select
    coalesce(sum(lines_expected), 0)::integer as lines_expected,
    coalesce(sum(lines_delivered), 0)::integer as lines_delivered,
    coalesce(sum(lines_on_time), 0)::integer as lines_on_time,
    ${onTimePercent('sum(lines_on_time)', 'sum(lines_delivered)')} as on_time_percent,
    coalesce(sum(quantity_rejected), 0)::decimal(18, 3) as quantity_rejected
from per_supplier`,
  columns: [
    column('supplier', 'Supplier', 'text'),
    column('lines_expected', 'Lines expected', 'integer'),
    column('lines_delivered', 'Delivered in full', 'integer'),
    column('lines_on_time', 'On time', 'integer'),
    column('on_time_percent', 'On time %', 'percent'),
    column('quantity_rejected', 'Rejected', 'quantity'),
  ],
  chart: onTimeChart('supplier', 'Supplier', 'On-time rate per supplier (lines delivered in full)'),
});
