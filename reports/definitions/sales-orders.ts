// Sales order reports: the open order lines and the backlog they will bill, and the on-time delivery rate per
// customer (lines delivered in full by their promised date).
import { z } from 'zod';
import { Code, IsoDate } from '../../ingest/index.ts';
import { column, defineReport } from '../definition.ts';
import { onTimeChart } from './delivery-chart.ts';

/** Order lines the open-orders report answers at most. */
export const OPEN_ORDER_ROWS_MAX = 5_000;

const OPEN_LINES = `
with

open_lines as (
    select order_number, line_no, order_date, customer_code as customer, salesperson, item_sku as item,
        promised_date, quantity_ordered, quantity_shipped, quantity_open, net_open, status
    from marts.fct_sales_order_lines
    where status in ('confirmed', 'partly_delivered') and quantity_open > 0
        and (cast($customer as varchar) is null or customer_code = $customer)
        and (cast($warehouse as varchar) is null or warehouse_code = $warehouse)
        and (cast($promised_by as date) is null or promised_date <= cast($promised_by as date))
)
`;

export const openSalesOrders = defineReport({
  id: 'open-sales-orders',
  title: 'Open sales orders and backlog',
  description:
    'Confirmed and partly delivered order lines with quantity still to ship and the net amount it will bill ' +
    `(the backlog), oldest promise first. Filters: customer, warehouse, promised_by. At most ${OPEN_ORDER_ROWS_MAX} lines ` +
    '(limit); the totals (lines, orders, backlog, oldest promised and order dates) cover every open line.',
  kind: 'report',
  params: z.strictObject({
    customer: Code.optional(),
    warehouse: Code.optional(),
    promised_by: IsoDate.optional(),
    limit: z.coerce.number().int().min(1).max(OPEN_ORDER_ROWS_MAX).default(OPEN_ORDER_ROWS_MAX),
  }),
  sql: `${OPEN_LINES}
select * from open_lines
order by promised_date, order_number, line_no
limit $limit`,
  totalsSql: `${OPEN_LINES}
select
    count(*)::integer as lines,
    count(distinct order_number)::integer as orders,
    coalesce(sum(net_open), 0)::decimal(18, 2) as backlog,
    min(promised_date) as oldest_promised_date,
    min(order_date) as oldest_order_date
from open_lines`,
  columns: [
    column('order_number', 'Order', 'text'),
    column('line_no', 'Line', 'integer'),
    column('order_date', 'Ordered', 'date'),
    column('customer', 'Customer', 'text'),
    column('salesperson', 'Salesperson', 'text'),
    column('item', 'Item', 'text'),
    column('promised_date', 'Promised', 'date'),
    column('quantity_ordered', 'Ordered', 'quantity'),
    column('quantity_shipped', 'Shipped', 'quantity'),
    column('quantity_open', 'Open', 'quantity'),
    column('net_open', 'Backlog (net)', 'money'),
    column('status', 'Status', 'text'),
  ],
  workbook: { sheet: 'Open sales orders', freezeHeader: true },
});

const DELIVERY = `
with

delivered as (
    select
        customer_code,
        count(*) as lines_delivered,
        count(*) filter (where is_delivered_on_time) as lines_on_time,
        avg(date_diff('day', promised_date, last_shipment_date)) filter (where not is_delivered_on_time)
            as average_days_late
    from marts.fct_sales_order_lines
    where is_delivered_on_time is not null
        and last_shipment_date between cast($from as date) and cast($to as date)
        and (cast($warehouse as varchar) is null or warehouse_code = $warehouse)
    group by customer_code
)
`;

export const onTimeDelivery = defineReport({
  id: 'on-time-delivery',
  title: 'On-time delivery to customers',
  description:
    'Per customer, order lines delivered in full between from and to, how many by their promised date, the ' +
    'on-time rate in percent and the average days late of the late ones; totals over every customer. ' +
    'Filter: warehouse.',
  kind: 'report',
  params: z.strictObject({ from: IsoDate, to: IsoDate, warehouse: Code.optional() }),
  sql: `${DELIVERY}
select customer_code as customer, lines_delivered::integer as lines_delivered, lines_on_time::integer as lines_on_time,
    round(100.0 * lines_on_time / lines_delivered, 2) as on_time_percent,
    round(average_days_late, 1) as average_days_late
from delivered
order by customer`,
  totalsSql: `${DELIVERY}
select coalesce(sum(lines_delivered), 0)::integer as lines_delivered, coalesce(sum(lines_on_time), 0)::integer as lines_on_time,
    round(100.0 * sum(lines_on_time) / nullif(sum(lines_delivered), 0), 2) as on_time_percent
from delivered`,
  columns: [
    column('customer', 'Customer', 'text'),
    column('lines_delivered', 'Lines delivered', 'integer'),
    column('lines_on_time', 'On time', 'integer'),
    column('on_time_percent', 'On-time rate', 'percent'),
    column('average_days_late', 'Average days late', 'number'),
  ],
  chart: onTimeChart('customer', 'Customer', 'On-time rate per customer (lines delivered in full)'),
});
