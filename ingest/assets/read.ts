// Reading fixed assets back: the asset register as of a date and the depreciation schedule of one asset.
// For now these are plain SQL over facts plus the pure schedule; they become report definitions over
// marts (reports/) once the asset marts exist, and the answers keep these fields.
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { formatMoney } from '../money.ts';
import { assetJson } from './answers.ts';
import { type AssetRecord, loadAsset, postedDepreciation } from './records.ts';
import { plannedMonths, plannedYears } from './schedule.ts';
import type { AssetRegisterQuery } from './schema.ts';

/** The register's rows: on the books as of `as_of` (registration posted by then); a disposed asset keeps
 * its cost and the depreciation posted before disposal, with a net book value of zero. */
function registerSql(query: AssetRegisterQuery): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = { as_of: query.as_of };
  const filters: string[] = [];
  if (query.category) {
    filters.push('and a.category = $category');
    params.category = query.category;
  }
  if (query.department) {
    filters.push('and a.department = $department');
    params.department = query.department;
  }
  const sql = `
    with posted as (
        select asset_number, sum(amount) as accumulated
        from facts.asset_depreciation
        where posting_date <= $as_of::date
        group by all
    ),
    disposed as (
        select asset_number, posting_date, proceeds, gain_loss, document_number
        from facts.asset_disposals
        where posting_date <= $as_of::date
    ),
    register as (
        select
            a.document_number as number, a.asset_name as name, a.category, a.method, a.department,
            a.cost_center, a.start_date, a.useful_life_years, a.cost, a.salvage_value,
            coalesce(p.accumulated, 0)::decimal(18, 2) as accumulated_depreciation,
            (case when d.asset_number is null then a.cost - coalesce(p.accumulated, 0) else 0 end)::decimal(18, 2)
                as net_book_value,
            case
                when d.asset_number is not null then 'disposed'
                when a.start_date > $as_of::date then 'not_in_use'
                when coalesce(p.accumulated, 0) >= a.cost - a.salvage_value
                    or $as_of::date >= date_trunc('month', a.start_date) + to_months(12 * a.useful_life_years)
                    then 'fully_depreciated'
                else 'in_use'
            end as status,
            d.posting_date as disposal_date, d.proceeds as disposal_proceeds,
            d.gain_loss as disposal_gain_loss, d.document_number as disposal_journal
        from facts.assets a
        left join posted p on p.asset_number = a.document_number
        left join disposed d on d.asset_number = a.document_number
        where a.posting_date <= $as_of::date ${filters.join(' ')}
    )`;
  return { sql, params };
}

/** The asset register as of a date, paged; totals cover every matching asset still on the books. */
export async function assetRegister(db: Database, query: AssetRegisterQuery) {
  const { sql, params } = registerSql(query);
  const [totals] = await db.query(
    `${sql}
     select count(*)::integer as assets,
            count(*) filter (where status <> 'disposed')::integer as assets_on_books,
            coalesce(sum(cost) filter (where status <> 'disposed'), 0)::decimal(18, 2) as cost,
            coalesce(sum(accumulated_depreciation) filter (where status <> 'disposed'), 0)::decimal(18, 2)
                as accumulated_depreciation,
            coalesce(sum(net_book_value), 0)::decimal(18, 2) as net_book_value
     from register`,
    params,
  );
  const rows = await db.query(
    `${sql} select * from register order by number limit ${query.limit} offset ${query.offset}`,
    params,
  );
  const { assets, ...sums } = totals ?? {};
  return {
    as_of: query.as_of,
    total: Number(assets ?? 0),
    limit: query.limit,
    offset: query.offset,
    totals: sums,
    rows,
  };
}

async function fiscalYearStartMonth(db: Database): Promise<number> {
  const [row] = await db.query("select value from meta.settings where key = 'fiscal_year_start_month'");
  return Number(row?.value ?? 1);
}

async function disposalOf(db: Database, number: string) {
  const [row] = await db.query(
    `select posting_date as date, document_number as journal, proceeds, accumulated_depreciation, gain_loss
     from facts.asset_disposals where asset_number = ?`,
    [number],
  );
  return row ?? null;
}

async function requireAsset(db: Database, number: string): Promise<AssetRecord> {
  const asset = await loadAsset(db, number);
  if (!asset) throw notFound('asset_not_found', `asset ${number} does not exist`, 'number');
  return asset;
}

/** One asset with the depreciation posted so far and its disposal, if any. */
export async function getAsset(db: Database, number: string) {
  const asset = await requireAsset(db, number);
  const posted = await postedDepreciation(db, number);
  const accumulated = posted.reduce((sum, row) => sum + row.amount, 0n);
  const disposal = await disposalOf(db, number);
  return {
    ...assetJson(asset),
    status: disposal ? 'disposed' : 'registered',
    accumulated_depreciation: formatMoney(accumulated),
    net_book_value: formatMoney(disposal ? 0n : asset.cost - accumulated),
    disposal,
  };
}

/** The plan of one asset month by month (from the pure schedule), each month with what was posted and
 * by which journal; months after a disposal are left out. */
export async function assetSchedule(db: Database, number: string) {
  const asset = await requireAsset(db, number);
  const startMonth = await fiscalYearStartMonth(db);
  const posted = new Map((await postedDepreciation(db, number)).map((row) => [row.period, row]));
  const disposal = await disposalOf(db, number);
  const lastPeriod = disposal ? String(disposal.date).slice(0, 7) : '9999-12';
  const months = plannedMonths(asset, startMonth).filter((row) => row.period <= lastPeriod);
  const periods = months.map((row) => ({
    period: row.period,
    year: row.year,
    planned: formatMoney(row.amount),
    planned_accumulated: formatMoney(row.accumulated),
    planned_book_value: formatMoney(row.bookValue),
    posted: posted.has(row.period) ? formatMoney(posted.get(row.period)?.amount ?? 0n) : null,
    journal: posted.get(row.period)?.journal ?? null,
  }));
  const years = plannedYears(asset, startMonth).map((year) => ({
    year: year.year,
    first_period: year.firstPeriod,
    months: year.months,
    amount: formatMoney(year.amount),
  }));
  const sum = (values: bigint[]) => formatMoney(values.reduce((total, value) => total + value, 0n));
  return {
    asset: assetJson(asset),
    fiscal_year_start_month: startMonth,
    disposal,
    totals: {
      planned: sum(months.map((row) => row.amount)),
      posted: sum([...posted.values()].map((row) => row.amount)),
    },
    years,
    periods,
  };
}
