// Income statement for a range: sections, lines and accounts from the chart's mapping with subtotals,
// optional monthly or quarterly columns, and comparison with the previous period or year.
import { z } from 'zod';
import { type Comparison, comparisonRange, monthsTouched } from '../dates.ts';
import { type ColumnDef, column, defineReport, type Row } from '../definition.ts';
import { checkRangeOrder, dateRange, dimensionFilters, fieldIssue, PERIOD_COLUMNS_MAX } from '../params.ts';
import { drillToLedger } from './drill.ts';
import {
  cutsKey,
  FISCAL_START_MONTH,
  LEAF_ACCOUNTS,
  type MonthCuts,
  monthCuts,
  outlineOrder,
  outlineRollup,
  resultMovementsBetween,
  shapeCache,
} from './fragments.ts';
import { outlineLines } from './outline.ts';

export const IncomeStatementParams = z
  .strictObject({
    ...dateRange,
    columns: z.enum(['total', 'month', 'quarter']).default('total'),
    compare: z.enum(['none', 'previous-period', 'previous-year']).default('none'),
    ...dimensionFilters,
  })
  .superRefine((params, ctx) => {
    checkRangeOrder(params, ctx);
    if (params.from > params.to || params.columns === 'total') return;
    const months = monthsTouched(params.from, params.to);
    const count = params.columns === 'month' ? months : Math.ceil(months / 3);
    if (count > PERIOD_COLUMNS_MAX) {
      fieldIssue(
        ctx,
        'columns',
        'too_many_columns',
        `at most ${PERIOD_COLUMNS_MAX} ${params.columns} columns`,
      );
    }
  });
type IncomeStatementParams = z.output<typeof IncomeStatementParams>;

const FROM = 'cast($from as date)';
const TO = 'cast($to as date)';
const COMPARISON_FROM = 'cast($comparison_from as date)';
const COMPARISON_TO = 'cast($comparison_to as date)';

// Year-end closing entries are left out (resultMovementsBetween): after a close the year still shows its
// revenue and expenses. Revenue-type accounts read credit - debit, expense-type debit - credit (so a contra account subtracts);
// `profit` is every account's contribution to the result, credit - debit.
/** The items of the range (and of the comparison range when there is one), each read by its month cuts. */
const itemsSql = (range: MonthCuts, comparison: MonthCuts | null) => `
with

accounts as (${LEAF_ACCOUNTS}),

fiscal as (${FISCAL_START_MONTH}),

-- Summed per account and month before the accounts' words join in: the balance mart holds a row per dimension
-- combination, and grouping those by every text column of the account cost more than the rest of the query.
-- The activity (the sum of the magnitudes) keeps an account whose month nets to zero across dimensions shown.
combined as (
    select
        account_code,
        period,
        sum(amount) as amount,
        sum(abs(amount)) as activity,
        sum(comparison_amount) as comparison_amount,
        sum(abs(comparison_amount)) as comparison_activity
    from (
        select account_code, period, amount, 0 as comparison_amount
        from (${resultMovementsBetween(FROM, TO, range)})${
          comparison
            ? `
        union all
        select account_code, period, 0, amount
        from (${resultMovementsBetween(COMPARISON_FROM, COMPARISON_TO, comparison)})`
            : ''
        }
    )
    group by account_code, period
),

detail as (
    select
        accounts.statement_section as section,
        accounts.section_sort,
        accounts.statement_line as line,
        accounts.line_sort,
        accounts.code as item_key,
        accounts.code as account_code,
        accounts.name,
        accounts.sort_order as item_sort,
        accounts.type,
        combined.period,
        case when accounts.type = 'revenue' then -1 else 1 end as presentation_sign,
        combined.amount,
        combined.activity,
        combined.comparison_amount,
        combined.comparison_activity
    from combined
    inner join accounts
        on combined.account_code = accounts.code
    where accounts.statement = 'income_statement'
),

items as (
    select
        section, section_sort, line, line_sort, item_key, account_code, name, item_sort, type,
        sum(presentation_sign * amount) as amount,
        sum(presentation_sign * comparison_amount) as comparison,
        -sum(amount) as profit,
        -sum(comparison_amount) as comparison_profit
    from detail
    group by all
    -- Any movement in a month shows the account, even when the range nets it to zero.
    having sum(activity) <> 0 or sum(comparison_activity) <> 0
)
`;

const rowsSql = (items: string) => `${items},

rolled as (${outlineRollup({ measures: ['amount', 'comparison'] })})

select
    *,
    (amount - comparison)::decimal(18, 2) as change,
    -- Percent change against the comparison's magnitude; none when there is nothing to compare with.
    case
        when comparison = 0 then null
        else round(100 * cast(amount - comparison as double) / abs(cast(comparison as double)), 2)::decimal(18, 2)
    end as change_pct
from rolled
where row_kind <> 'total'
${outlineOrder()}`;

const totalsSql = (items: string) => `${items}
select
    coalesce(sum(amount) filter (where type = 'revenue'), 0)::decimal(18, 2) as revenue,
    coalesce(sum(amount) filter (where type = 'expense'), 0)::decimal(18, 2) as expenses,
    coalesce(sum(profit), 0)::decimal(18, 2) as net_income,
    coalesce(sum(comparison) filter (where type = 'revenue'), 0)::decimal(18, 2) as comparison_revenue,
    coalesce(sum(comparison) filter (where type = 'expense'), 0)::decimal(18, 2) as comparison_expenses,
    coalesce(sum(comparison_profit), 0)::decimal(18, 2) as comparison_net_income
from items`;

// Buckets are calendar months ('2025-03') or fiscal quarters ('FY2025-Q1', the fiscal year named by the
// calendar year it starts in, as dim_dates does).
const BUCKET_OF_PERIOD = `
    case
        when $columns = 'month' then period
        else 'FY' || cast(
            year(cast(period || '-01' as date))
                - case when month(cast(period || '-01' as date)) < (select start_month from fiscal) then 1 else 0 end
            as varchar
        ) || '-Q' || cast(
            (month(cast(period || '-01' as date)) - (select start_month from fiscal) + 12) % 12 // 3 + 1 as varchar
        )
    end`;

const bucketsSql = (items: string) => `${items},

bucket_detail as (
    select *, ${BUCKET_OF_PERIOD} as bucket
    from detail
    where amount <> 0
),

bucket_items as (
    select
        bucket, section, section_sort, line, line_sort, item_key, account_code, name, item_sort,
        sum(presentation_sign * amount) as amount
    from bucket_detail
    group by all
),

rolled as (${outlineRollup({ measures: ['amount'], groupedBy: ['bucket'], source: 'bucket_items' })})

select bucket, section, line, item_key, row_kind, amount
from rolled
where row_kind <> 'total'`;

const COLUMN_LIST_SQL = `
with

fiscal as (${FISCAL_START_MONTH}),

months as (
    select strftime(month_start, '%Y-%m') as period, month_start
    from (
        select unnest(generate_series(
            cast(date_trunc('month', cast($from as date)) as timestamp),
            cast(cast($to as date) as timestamp),
            interval 1 month
        )) as month_start
    )
)

select ${BUCKET_OF_PERIOD} as bucket, min(month_start) as first_month
from months
group by 1
order by first_month`;

export const incomeStatement = defineReport({
  id: 'income-statement',
  title: 'Income statement',
  description:
    'Revenue and expenses between from and to by section, line and account with subtotals (revenue as credit - debit, ' +
    'expenses as debit - credit). columns=month|quarter adds period columns; compare=previous-period|previous-year adds ' +
    'the comparison amount, the change and the change in percent (null when the comparison is zero).',
  kind: 'statement',
  params: IncomeStatementParams,
  sql: (params) => byShape('rows', params, rowsSql),
  totalsSql: (params) => byShape('totals', params, totalsSql),
  extraSql: (params): Record<string, string> =>
    params.columns === 'total'
      ? {}
      : { buckets: byShape('buckets', params, bucketsSql), column_list: COLUMN_LIST_SQL },
  columns: [
    column('key', 'Key', 'text'),
    column('label', 'Line', 'text'),
    column('account', 'Account', 'text'),
    column('amount', 'Amount', 'money'),
  ],
  chart: {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: 'Section subtotals of the income statement',
    transform: [{ filter: "datum.kind === 'section'" }],
    mark: 'bar',
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null },
      x: { field: 'amount', type: 'quantitative', title: 'Amount' },
    },
  },
  workbook: {
    sheet: 'Income statement',
    outlineLevelField: 'level',
    boldWhenField: 'kind',
    derived: {
      change: { difference: ['amount', 'comparison'] },
      change_pct: { percentChange: ['amount', 'comparison'] },
    },
    totals: {
      net_income: { add: ['revenue'], subtract: ['expenses'] },
      'comparison.net_income': { add: ['comparison.revenue'], subtract: ['comparison.expenses'] },
    },
  },
  bind(params) {
    const range = comparisonRange(params.from, params.to, params.compare as Comparison);
    return { comparison_from: range?.from ?? null, comparison_to: range?.to ?? null };
  },
  shape(raw, params) {
    const compared = params.compare !== 'none';
    const measures = compared ? ['amount', 'comparison', 'change', 'change_pct'] : ['amount'];
    const lines = outlineLines(raw.rows, {
      measures,
      drill: (account) => drillToLedger(account, params, params),
    });
    const buckets = (raw.extra.column_list ?? []).map((row) => String(row.bucket));
    if (buckets.length > 0) addBuckets(lines, raw.extra.buckets ?? [], buckets);
    return { rows: lines, totals: totalsOf(raw.totals ?? {}, compared), columns: columnsOf(params, buckets) };
  },
});

const cached = shapeCache();

/** The statement `part` for the shape of the parameters' ranges: whole months read the monthly mart alone. */
function byShape(part: string, params: IncomeStatementParams, build: (items: string) => string): string {
  const range = monthCuts(params.from, params.to);
  const compared = comparisonRange(params.from, params.to, params.compare as Comparison);
  const comparison = compared ? monthCuts(compared.from, compared.to) : null;
  const key = `${part}:${cutsKey(range)}:${comparison ? cutsKey(comparison) : 'none'}`;
  return cached(key, () => build(itemsSql(range, comparison)));
}

/** Puts each line's per-period amounts under `periods`, zero where the period had no movement. */
function addBuckets(lines: Row[], bucketRows: Row[], buckets: string[]): void {
  const byKey = new Map<string, Record<string, string>>();
  for (const row of bucketRows) {
    const key = ['section', 'line', 'item_key']
      .map((part) => row[part])
      .filter((part) => typeof part === 'string')
      .join('/');
    const amounts = byKey.get(key) ?? {};
    amounts[String(row.bucket)] = String(row.amount);
    byKey.set(key, amounts);
  }
  for (const line of lines) {
    const amounts = byKey.get(String(line.key)) ?? {};
    line.periods = Object.fromEntries(buckets.map((bucket) => [bucket, amounts[bucket] ?? '0.00']));
  }
}

function totalsOf(totals: Row, compared: boolean): Row {
  const current = { revenue: totals.revenue, expenses: totals.expenses, net_income: totals.net_income };
  if (!compared) return current;
  const comparison = {
    revenue: totals.comparison_revenue,
    expenses: totals.comparison_expenses,
    net_income: totals.comparison_net_income,
  };
  return { ...current, comparison };
}

function columnsOf(params: IncomeStatementParams, buckets: string[]): ColumnDef[] {
  const columns = [
    column('key', 'Key', 'text'),
    column('label', 'Line', 'text'),
    column('account', 'Account', 'text'),
    ...buckets.map((bucket) => column(`periods.${bucket}`, bucket, 'money')),
    column('amount', buckets.length > 0 ? 'Total' : 'Amount', 'money'),
  ];
  if (params.compare === 'none') return columns;
  const label = params.compare === 'previous-year' ? 'Previous year' : 'Previous period';
  return [
    ...columns,
    column('comparison', label, 'money'),
    column('change', 'Change', 'money'),
    column('change_pct', 'Change %', 'percent'),
  ];
}
