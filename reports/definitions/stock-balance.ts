// Stock on hand as of a date: quantity and value per item, warehouse and batch, summed from the stock ledger
// mart; paged, with the total value over every matching row (what the inventory accounts must show).
import { z } from 'zod';
import { Code, IsoDate } from '../../ingest/index.ts';
import { column, defineReport, pageInfo } from '../definition.ts';

/** Rows on one page at most, and by default. */
export const STOCK_PAGE_ROWS_MAX = 5_000;
export const STOCK_PAGE_ROWS_DEFAULT = 500;

export const StockBalanceParams = z.strictObject({
  as_of: IsoDate,
  item: Code.optional(),
  warehouse: Code.optional(),
  limit: z.coerce.number().int().min(1).max(STOCK_PAGE_ROWS_MAX).default(STOCK_PAGE_ROWS_DEFAULT),
  offset: z.coerce.number().int().min(0).default(0),
});

const BALANCE = `
with

balance as (
    select
        item_sku as item,
        any_value(item_name) as item_name,
        warehouse_code as warehouse,
        batch,
        min(expiry_date) as expiry_date,
        sum(quantity)::decimal(18, 3) as quantity,
        sum(value)::decimal(18, 2) as value,
        any_value(inventory_account) as inventory_account
    from marts.fct_stock_moves
    where posting_date <= cast($as_of as date)
        and (cast($item as varchar) is null or item_sku = $item)
        and (cast($warehouse as varchar) is null or warehouse_code = $warehouse)
    group by item_sku, warehouse_code, batch
    having sum(quantity) <> 0 or sum(value) <> 0
)
`;

export const stockBalance = defineReport({
  id: 'stock-balance',
  title: 'Stock balance',
  description:
    'Quantity and value on hand per item, warehouse and batch at the end of as_of, from the stock ledger. ' +
    `Filters: item, warehouse. Paged: limit (at most ${STOCK_PAGE_ROWS_MAX}) and offset; totals cover every row.`,
  kind: 'report',
  params: StockBalanceParams,
  sql: `${BALANCE}
select * from balance
order by item, warehouse, batch nulls first
limit $limit
offset $offset`,
  totalsSql: `${BALANCE}
select count(*)::integer as rows, coalesce(sum(value), 0)::decimal(18, 2) as value from balance`,
  columns: [
    column('item', 'Item', 'text'),
    column('item_name', 'Name', 'text'),
    column('warehouse', 'Warehouse', 'text'),
    column('batch', 'Batch', 'text'),
    column('expiry_date', 'Expires', 'date'),
    column('quantity', 'Quantity', 'quantity'),
    column('value', 'Value', 'money'),
    column('inventory_account', 'Account', 'text'),
  ],
  workbook: { sheet: 'Stock balance', freezeHeader: true },
  shape(raw, params) {
    const page = pageInfo(params, raw.rows.length, Number(raw.totals?.rows ?? 0));
    return { rows: raw.rows, totals: raw.totals, page };
  },
});
