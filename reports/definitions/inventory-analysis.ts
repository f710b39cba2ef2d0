// Inventory analysis over the stock-move mart: the stock value reconciled with the inventory accounts of the
// ledger, batches about to expire, slow-moving stock, and inventory turns.
import { z } from 'zod';
import { Code, IsoDate } from '../../ingest/index.ts';
import { column, defineReport } from '../definition.ts';

/** Days ahead (expiring) or back (slow-moving) at most. */
export const ANALYSIS_DAYS_MAX = 3_650;
/** Rows of an analysis at most. */
export const ANALYSIS_ROWS_MAX = 5_000;

const Days = (fallback: number) => z.coerce.number().int().min(1).max(ANALYSIS_DAYS_MAX).default(fallback);
/** Rows answered, first first; the totals cover every row. */
const Limit = z.coerce.number().int().min(1).max(ANALYSIS_ROWS_MAX).default(ANALYSIS_ROWS_MAX);

/** Stock value and ledger balance per inventory account at the end of as_of, and their differences. */
const RECONCILIATION = `
with

stock as (
    select inventory_account as account, sum(value) as stock_value
    from marts.fct_stock_moves
    where posting_date <= cast($as_of as date)
    group by inventory_account
),

ledger as (
    select
        lines.account_code as account,
        sum(lines.amount) as ledger_balance,
        sum(lines.amount) filter (where stock_journals.document_number is not null) as posted_by_stock_documents
    from marts.fct_journal_lines as lines
    -- Which journals stock documents posted: the entry headers in the facts name their source document. The
    -- list is the one of tests/sql/assert_stock_value_matches_inventory_postings.sql: every document that moves
    -- stock, shipments and credit notes (returned goods) included.
    left join (
        select document_number
        from facts.journal_entries
        where source_document_type in (
            'goods-receipt', 'stock-issue', 'stock-transfer', 'stock-count', 'shipment', 'credit-note'
        )
    ) as stock_journals
        on lines.document_number = stock_journals.document_number
    where lines.posting_date <= cast($as_of as date)
        and lines.account_code in (select account from stock)
    group by lines.account_code
),

reconciled as (
    select
        stock.account,
        stock.stock_value::decimal(18, 2) as stock_value,
        coalesce(ledger.ledger_balance, 0)::decimal(18, 2) as ledger_balance,
        coalesce(ledger.posted_by_stock_documents, 0)::decimal(18, 2) as posted_by_stock_documents,
        (coalesce(ledger.ledger_balance, 0) - stock.stock_value)::decimal(18, 2) as difference_to_ledger,
        (coalesce(ledger.posted_by_stock_documents, 0) - stock.stock_value)::decimal(18, 2)
            as difference_to_stock_postings
    from stock
    left join ledger
        on stock.account = ledger.account
)
`;

export const stockValuationReconciliation = defineReport({
  id: 'stock-valuation-reconciliation',
  title: 'Stock valuation against the ledger',
  description:
    'Per inventory account as of a date: the value of the stock (sum of its moves), the balance of the ' +
    'account in the ledger, the part of that balance posted by stock documents, and the differences; totals ' +
    'over every inventory account, with the number of accounts whose ledger balance differs.',
  kind: 'report',
  params: z.strictObject({ as_of: IsoDate }),
  sql: `${RECONCILIATION}
select * from reconciled order by account`,
  totalsSql: `${RECONCILIATION}
select
    coalesce(sum(stock_value), 0)::decimal(18, 2) as stock_value,
    coalesce(sum(ledger_balance), 0)::decimal(18, 2) as ledger_balance,
    coalesce(sum(posted_by_stock_documents), 0)::decimal(18, 2) as posted_by_stock_documents,
    coalesce(sum(difference_to_ledger), 0)::decimal(18, 2) as difference_to_ledger,
    coalesce(sum(difference_to_stock_postings), 0)::decimal(18, 2) as difference_to_stock_postings,
    count(*) filter (where difference_to_ledger <> 0)::integer as accounts_differing
from reconciled`,
  columns: [
    column('account', 'Account', 'text'),
    column('stock_value', 'Stock value', 'money'),
    column('ledger_balance', 'Ledger balance', 'money'),
    column('posted_by_stock_documents', 'Posted by stock documents', 'money'),
    column('difference_to_ledger', 'Difference to ledger', 'money'),
    column('difference_to_stock_postings', 'Difference to stock postings', 'money'),
  ],
});

const WAREHOUSE_FILTER = '(cast($warehouse as varchar) is null or warehouse_code = $warehouse)';

const EXPIRING = `
with

expiring as (
    select
        item_sku as item, warehouse_code as warehouse, batch, min(expiry_date) as expiry_date,
        date_diff('day', cast($as_of as date), min(expiry_date))::integer as days_left,
        sum(quantity)::decimal(18, 3) as quantity, sum(value)::decimal(18, 2) as value
    from marts.fct_stock_moves
    where posting_date <= cast($as_of as date) and batch is not null and ${WAREHOUSE_FILTER}
    group by item_sku, warehouse_code, batch
    having sum(quantity) > 0 and min(expiry_date) <= cast($as_of as date) + cast($days as integer)
)
`;

export const expiringStock = defineReport({
  id: 'expiring-stock',
  title: 'Expiring stock',
  description:
    'Batches on hand expiring within `days` (30 by default) after as_of, or already expired, soonest ' +
    `first; at most ${ANALYSIS_ROWS_MAX} rows (limit). Filter: warehouse. Totals over every batch: batches, ` +
    'expired (expiry before as_of), value and the value already expired.',
  kind: 'report',
  params: z.strictObject({ as_of: IsoDate, days: Days(30), warehouse: Code.optional(), limit: Limit }),
  sql: `${EXPIRING}
select * from expiring
order by expiry_date, item, warehouse, batch
limit $limit`,
  totalsSql: `${EXPIRING}
select
    count(*)::integer as batches,
    count(*) filter (where days_left < 0)::integer as expired,
    coalesce(sum(value), 0)::decimal(18, 2) as value,
    coalesce(sum(value) filter (where days_left < 0), 0)::decimal(18, 2) as expired_value
from expiring`,
  columns: [
    column('item', 'Item', 'text'),
    column('warehouse', 'Warehouse', 'text'),
    column('batch', 'Batch', 'text'),
    column('expiry_date', 'Expires', 'date'),
    column('days_left', 'Days left', 'integer'),
    column('quantity', 'Quantity', 'quantity'),
    column('value', 'Value', 'money'),
  ],
});

const SLOW = `
with

slow as (
    select
        item_sku as item, warehouse_code as warehouse,
        sum(quantity)::decimal(18, 3) as quantity, sum(value)::decimal(18, 2) as value,
        max(posting_date) filter (where move_type = 'issue') as last_issue_date
    from marts.fct_stock_moves
    where posting_date <= cast($as_of as date) and ${WAREHOUSE_FILTER}
    group by item_sku, warehouse_code
    having sum(quantity) > 0
        and coalesce(max(posting_date) filter (where move_type = 'issue'), date '1900-01-01')
            <= cast($as_of as date) - cast($days as integer)
)
`;

export const slowMovingStock = defineReport({
  id: 'slow-moving-stock',
  title: 'Slow-moving stock',
  description:
    'Items on hand as of a date that left no warehouse (issue, count loss) within the `days` before it ' +
    `(90 by default), largest value first; at most ${ANALYSIS_ROWS_MAX} rows (limit). Filter: warehouse. Totals ` +
    'over every row: rows (item and warehouse) and value.',
  kind: 'report',
  params: z.strictObject({ as_of: IsoDate, days: Days(90), warehouse: Code.optional(), limit: Limit }),
  sql: `${SLOW}
select * from slow
order by value desc, item, warehouse
limit $limit`,
  totalsSql: `${SLOW}
select count(*)::integer as rows, coalesce(sum(value), 0)::decimal(18, 2) as value from slow`,
  columns: [
    column('item', 'Item', 'text'),
    column('warehouse', 'Warehouse', 'text'),
    column('quantity', 'Quantity', 'quantity'),
    column('value', 'Value', 'money'),
    column('last_issue_date', 'Last issue', 'date'),
  ],
});

/** Issued cost over the average of opening and closing value, rounded once; null without stock. */
const turnsOf = (issued: string, opening: string, closing: string) =>
  `round(coalesce(${issued}, 0) / nullif((coalesce(${opening}, 0) + coalesce(${closing}, 0)) / 2, 0), 2)`;

const PER_ITEM = `
with

per_item as (
    select
        item_sku as item,
        -sum(value) filter (where move_type = 'issue' and posting_date between cast($from as date)
            and cast($to as date)) as issued_cost,
        sum(value) filter (where posting_date < cast($from as date)) as opening_value,
        sum(value) filter (where posting_date <= cast($to as date)) as closing_value
    from marts.fct_stock_moves
    where posting_date <= cast($to as date) and ${WAREHOUSE_FILTER}
    group by item_sku
)
`;

export const inventoryTurns = defineReport({
  id: 'inventory-turns',
  title: 'Inventory turns',
  description:
    'Per item between from and to: the cost of what was issued, the average of the stock value at the start ' +
    'and at the end, and turns = issued cost / average stock value (null without stock). Filter: ' +
    'warehouse. Totals: the same over every item.',
  kind: 'report',
  params: z.strictObject({ from: IsoDate, to: IsoDate, warehouse: Code.optional() }),
  sql: `${PER_ITEM}
select
    item,
    coalesce(issued_cost, 0)::decimal(18, 2) as issued_cost,
    coalesce(opening_value, 0)::decimal(18, 2) as opening_value,
    coalesce(closing_value, 0)::decimal(18, 2) as closing_value,
    ${turnsOf('issued_cost', 'opening_value', 'closing_value')} as turns
from per_item
order by item
limit ${ANALYSIS_ROWS_MAX}`,
  totalsSql: `${PER_ITEM}
select
    coalesce(sum(issued_cost), 0)::decimal(18, 2) as issued_cost,
    coalesce(sum(opening_value), 0)::decimal(18, 2) as opening_value,
    coalesce(sum(closing_value), 0)::decimal(18, 2) as closing_value,
    ${turnsOf('sum(issued_cost)', 'sum(opening_value)', 'sum(closing_value)')} as turns
from per_item`,
  columns: [
    column('item', 'Item', 'text'),
    column('issued_cost', 'Issued at cost', 'money'),
    column('opening_value', 'Opening value', 'money'),
    column('closing_value', 'Closing value', 'money'),
    column('turns', 'Turns', 'text'),
  ],
  chart: {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Inventory turns per item (issued cost over average stock value), highest first',
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'item', type: 'nominal', title: 'Item', sort: '-x' },
      x: { field: 'turns', type: 'quantitative', title: 'Turns' },
    },
  },
});
