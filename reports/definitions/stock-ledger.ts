// The stock ledger of one item: every move in a date range with its running quantity and value per
// warehouse, from the stock-move mart; paged.
import { z } from 'zod';
import { Code, IsoDate } from '../../ingest/index.ts';
import { column, defineReport, pageInfo } from '../definition.ts';

export const STOCK_LEDGER_ROWS_MAX = 5_000;
export const STOCK_LEDGER_ROWS_DEFAULT = 500;

export const StockLedgerParams = z.strictObject({
  item: Code,
  from: IsoDate,
  to: IsoDate,
  warehouse: Code.optional(),
  limit: z.coerce.number().int().min(1).max(STOCK_LEDGER_ROWS_MAX).default(STOCK_LEDGER_ROWS_DEFAULT),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The moves of the report, shared with its streamed workbook (reports/xlsx/stock-ledger-export.ts). */
export const STOCK_LEDGER_MOVES = `
with

moves as (
    select * from marts.fct_stock_moves
    where item_sku = $item
        and posting_date between cast($from as date) and cast($to as date)
        and (cast($warehouse as varchar) is null or warehouse_code = $warehouse)
)
`;

export const stockLedger = defineReport({
  id: 'stock-ledger',
  title: 'Stock ledger',
  description:
    'Every stock move of one item between from and to, in posting order, with the running quantity and value ' +
    `of the item in its warehouse. Filter: warehouse. Paged: limit (at most ${STOCK_LEDGER_ROWS_MAX}) and offset.`,
  kind: 'report',
  params: StockLedgerParams,
  sql: `${STOCK_LEDGER_MOVES}
select
    posting_date, document_type, document_number, move_type, warehouse_code as warehouse, batch, quantity,
    unit_cost, value, running_quantity, running_value
from moves
order by seq
limit $limit
offset $offset`,
  totalsSql: `${STOCK_LEDGER_MOVES}
select count(*)::integer as moves, coalesce(sum(quantity), 0)::decimal(18, 3) as quantity,
    coalesce(sum(value), 0)::decimal(18, 2) as value
from moves`,
  columns: [
    column('posting_date', 'Date', 'date'),
    column('document_number', 'Document', 'text'),
    column('move_type', 'Move', 'text'),
    column('warehouse', 'Warehouse', 'text'),
    column('batch', 'Batch', 'text'),
    column('quantity', 'Quantity', 'quantity'),
    column('value', 'Value', 'money'),
    column('running_quantity', 'Balance', 'quantity'),
    column('running_value', 'Balance value', 'money'),
  ],
  shape(raw, params) {
    const page = pageInfo(params, raw.rows.length, Number(raw.totals?.moves ?? 0));
    return { rows: raw.rows, totals: raw.totals, page };
  },
});
