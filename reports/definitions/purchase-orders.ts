// Purchasing reports over the order-line mart: the open orders still to be delivered, and each supplier's
// deliveries against the expected dates (the on-time rate).
import { z } from 'zod';
import { Code, IsoDate } from '../../ingest/index.ts';
import { column, defineReport } from '../definition.ts';

/** Open order lines on one answer at most. */
export const OPEN_ORDER_ROWS_MAX = 5_000;

export const OpenOrdersParams = z.strictObject({
  supplier: Code.optional(),
  warehouse: Code.optional(),
  /** Only lines expected by this date (late ones when it is today). */
  expected_by: IsoDate.optional(),
});

export const openPurchaseOrders = defineReport({
  id: 'open-purchase-orders',
  title: 'Open purchase orders',
  description:
    'Order lines approved, sent or partly received with quantity still to come, oldest expected date first. ' +
    `Filters: supplier, warehouse, expected_by. At most ${OPEN_ORDER_ROWS_MAX} lines.`,
  kind: 'report',
  params: OpenOrdersParams,
  sql: `
select
    order_number, line_no, order_date, supplier_code as supplier, warehouse_code as warehouse, status,
    item_sku as item, quantity_ordered, quantity_accepted, quantity_open, unit_price,
    (quantity_open * unit_price)::decimal(18, 2) as open_value, expected_date
from marts.fct_purchase_order_lines
where status in ('approved', 'sent', 'partly_received') and quantity_open > 0
    and (cast($supplier as varchar) is null or supplier_code = $supplier)
    and (cast($warehouse as varchar) is null or warehouse_code = $warehouse)
    and (cast($expected_by as date) is null or expected_date <= cast($expected_by as date))
order by expected_date, order_number, line_no
limit ${OPEN_ORDER_ROWS_MAX}`,
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

export const SupplierDeliveryParams = z.strictObject({ from: IsoDate, to: IsoDate });

export const supplierDelivery = defineReport({
  id: 'supplier-delivery',
  title: 'Supplier deliveries: on-time rate',
  description:
    'Per supplier, the order lines expected between from and to that were fully delivered, how many by the ' +
    'expected date, the on-time rate in percent, and the quantity rejected at inspection.',
  kind: 'report',
  params: SupplierDeliveryParams,
  sql: `
select
    supplier_code as supplier,
    count(*)::integer as lines_expected,
    count(*) filter (where is_delivered_on_time is not null)::integer as lines_delivered,
    count(*) filter (where is_delivered_on_time)::integer as lines_on_time,
    round(100.0 * count(*) filter (where is_delivered_on_time)
        / nullif(count(*) filter (where is_delivered_on_time is not null), 0), 1) as on_time_percent,
    sum(quantity_rejected)::decimal(18, 3) as quantity_rejected
from marts.fct_purchase_order_lines
where expected_date between cast($from as date) and cast($to as date) and status <> 'cancelled'
group by supplier_code
order by supplier_code`,
  columns: [
    column('supplier', 'Supplier', 'text'),
    column('lines_expected', 'Lines expected', 'integer'),
    column('lines_delivered', 'Delivered in full', 'integer'),
    column('lines_on_time', 'On time', 'integer'),
    column('on_time_percent', 'On time %', 'percent'),
    column('quantity_rejected', 'Rejected', 'quantity'),
  ],
});
