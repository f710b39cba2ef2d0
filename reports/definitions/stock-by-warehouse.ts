// Stock value by warehouse and item category as of a date, summed from the stock-ledger mart: the aggregate the
// operations dashboard draws. The stock-balance report lists the items and batches behind each figure.
import { z } from 'zod';
import { Code, IsoDate } from '../../ingest/index.ts';
import { column, defineReport } from '../definition.ts';

/** Rows (warehouse × category) on one answer at most. */
export const STOCK_GROUP_ROWS_MAX = 1_000;

export const StockByWarehouseParams = z.strictObject({ as_of: IsoDate, warehouse: Code.optional() });

// Items held per warehouse at the end of as_of; an item whose moves net to nothing holds no stock there.
const ON_HAND = `
with

on_hand as (
    select
        warehouse_code,
        item_sku,
        sum(quantity) as quantity,
        sum(value) as value
    from marts.fct_stock_moves
    where posting_date <= cast($as_of as date)
        and (cast($warehouse as varchar) is null or warehouse_code = $warehouse)
    group by warehouse_code, item_sku
    having sum(quantity) <> 0 or sum(value) <> 0
)
`;

export const stockByWarehouse = defineReport({
  id: 'stock-by-warehouse',
  title: 'Stock value by warehouse',
  description:
    'Value of the stock on hand at the end of as_of per warehouse and item category (the category the item ' +
    'has on that date), with the number of items held; totals over every warehouse equal the stock-balance ' +
    `total. Filter: warehouse. At most ${STOCK_GROUP_ROWS_MAX} rows.`,
  kind: 'report',
  params: StockByWarehouseParams,
  sql: `${ON_HAND},

-- The item as it was on as_of, so a category change regroups the whole item rather than splitting its moves.
items as (
    select sku, category
    from marts.dim_items
    where valid_from <= cast($as_of as date)
        and (valid_to is null or valid_to >= cast($as_of as date))
),

-- A name is a label: the current one, whatever the warehouse was called on as_of.
warehouses as (
    select warehouse_code, warehouse_name
    from marts.dim_warehouses
    where is_current
)

select
    on_hand.warehouse_code as warehouse,
    any_value(warehouses.warehouse_name) as warehouse_name,
    coalesce(items.category, 'uncategorised') as category,
    count(*)::integer as items,
    sum(on_hand.value)::decimal(18, 2) as value
from on_hand
left join items
    on on_hand.item_sku = items.sku
left join warehouses
    on on_hand.warehouse_code = warehouses.warehouse_code
group by on_hand.warehouse_code, coalesce(items.category, 'uncategorised')
order by warehouse, category
limit ${STOCK_GROUP_ROWS_MAX}`,
  totalsSql: `${ON_HAND}
select
    count(distinct warehouse_code)::integer as warehouses,
    count(distinct item_sku)::integer as items,
    coalesce(sum(value), 0)::decimal(18, 2) as value
from on_hand`,
  columns: [
    column('warehouse', 'Warehouse', 'text'),
    column('warehouse_name', 'Name', 'text'),
    column('category', 'Item category', 'text'),
    column('items', 'Items held', 'integer'),
    column('value', 'Value', 'money'),
  ],
  chart: {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Stock value per warehouse, stacked by item category',
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'warehouse', type: 'nominal', title: 'Warehouse', sort: '-x' },
      x: { field: 'value', type: 'quantitative', title: 'Stock value', aggregate: 'sum' },
      color: { field: 'category', type: 'nominal', title: 'Item category' },
    },
  },
  workbook: { sheet: 'Stock by warehouse', freezeHeader: true },
});
