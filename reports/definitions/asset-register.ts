// The fixed-asset register as of a date: cost, accumulated depreciation and net book value of every asset on
// the books, from the asset marts; paged, with totals over every matching asset.
import { z } from 'zod';
import { Code, IsoDate } from '../../ingest/index.ts';
import { column, defineReport, pageInfo } from '../definition.ts';

/** Assets on one page at most, and by default. */
export const REGISTER_PAGE_ROWS_MAX = 5_000;
export const REGISTER_PAGE_ROWS_DEFAULT = 500;

export const AssetRegisterParams = z.strictObject({
  as_of: IsoDate,
  category: Code.optional(),
  department: Code.optional(),
  limit: z.coerce.number().int().min(1).max(REGISTER_PAGE_ROWS_MAX).default(REGISTER_PAGE_ROWS_DEFAULT),
  offset: z.coerce.number().int().min(0).default(0),
});

const AS_OF = 'cast($as_of as date)';

// Registered by as_of; a disposal by as_of leaves the asset listed with its cost and the depreciation posted
// before it, at a net book value of zero.
const REGISTER = `
with

posted as (
    select asset_number, sum(amount) as accumulated
    from marts.fct_asset_depreciation
    where posting_date <= ${AS_OF}
    group by asset_number
),

register as (
    select
        assets.asset_number as number,
        assets.asset_name as name,
        assets.category,
        assets.method,
        assets.department,
        assets.cost_center,
        assets.start_date,
        assets.useful_life_years,
        assets.cost,
        assets.salvage_value,
        coalesce(posted.accumulated, 0)::decimal(18, 2) as accumulated_depreciation,
        (case when assets.disposed_on <= ${AS_OF} then 0 else assets.cost - coalesce(posted.accumulated, 0) end)
            ::decimal(18, 2) as net_book_value,
        case
            when assets.disposed_on <= ${AS_OF} then 'disposed'
            when assets.start_date > ${AS_OF} then 'not_in_use'
            when coalesce(posted.accumulated, 0) >= assets.cost - assets.salvage_value
                or ${AS_OF} >= assets.fully_depreciated_from then 'fully_depreciated'
            else 'in_use'
        end as status,
        case when assets.disposed_on <= ${AS_OF} then assets.disposed_on end as disposal_date,
        case when assets.disposed_on <= ${AS_OF} then assets.disposal_proceeds end as disposal_proceeds,
        case when assets.disposed_on <= ${AS_OF} then assets.disposal_gain_loss end as disposal_gain_loss,
        case when assets.disposed_on <= ${AS_OF} then assets.disposal_journal_number end as disposal_journal
    from marts.dim_assets as assets
    left join posted
        on assets.asset_number = posted.asset_number
    where assets.registered_on <= ${AS_OF}
        and (cast($category as varchar) is null or assets.category = $category)
        and (cast($department as varchar) is null or assets.department = $department)
)
`;

export const assetRegister = defineReport({
  id: 'asset-register',
  title: 'Fixed-asset register',
  description:
    'Every fixed asset registered by as_of: cost, accumulated depreciation and net book value as of that date, ' +
    'status (in_use, fully_depreciated, not_in_use, disposed) and disposal. Filters: category, department. ' +
    `Paged: limit (at most ${REGISTER_PAGE_ROWS_MAX}) and offset; totals cover every matching asset on the books.`,
  kind: 'report',
  params: AssetRegisterParams,
  sql: `${REGISTER}
select * from register
order by number
limit $limit
offset $offset`,
  totalsSql: `${REGISTER}
select
    count(*)::integer as assets,
    count(*) filter (where status <> 'disposed')::integer as assets_on_books,
    coalesce(sum(cost) filter (where status <> 'disposed'), 0)::decimal(18, 2) as cost,
    coalesce(sum(accumulated_depreciation) filter (where status <> 'disposed'), 0)::decimal(18, 2)
        as accumulated_depreciation,
    coalesce(sum(net_book_value), 0)::decimal(18, 2) as net_book_value
from register`,
  columns: [
    column('number', 'Asset', 'text'),
    column('name', 'Name', 'text'),
    column('category', 'Category', 'text'),
    column('department', 'Department', 'text'),
    column('start_date', 'In use from', 'date'),
    column('cost', 'Cost', 'money'),
    column('accumulated_depreciation', 'Accumulated depreciation', 'money'),
    column('net_book_value', 'Net book value', 'money'),
    column('status', 'Status', 'text'),
  ],
  workbook: { sheet: 'Asset register', freezeHeader: true },
  shape(raw, params) {
    const page = pageInfo(params, raw.rows.length, Number(raw.totals?.assets ?? 0));
    return { rows: raw.rows, totals: raw.totals, page };
  },
});
