// Balance sheet as of a date: sides, sections and lines from the chart's mapping, with subtotals. Equity
// includes the profit or loss not yet closed (prior years and the year to date), so assets = liabilities + equity.
import { z } from 'zod';
import { formatMoney, IsoDate, parseMoney } from '../../ingest/index.ts';
import { column, defineReport, type Row } from '../definition.ts';
import { dimensionFilters } from '../params.ts';
import { drillToLedger } from './drill.ts';
import {
  BEGINNING,
  BEGINNING_DATE,
  cutsKey,
  FISCAL_START_MONTH,
  fiscalYearStart,
  LEAF_ACCOUNTS,
  type MonthCuts,
  monthCuts,
  movementsBetween,
  outlineOrder,
  outlineRollup,
  shapeCache,
} from './fragments.ts';
import { amountOf, outlineLines } from './outline.ts';

export const BalanceSheetParams = z.strictObject({
  as_of: IsoDate,
  ...dimensionFilters,
});

const AS_OF = 'cast($as_of as date)';

// Sign convention: assets are shown as debit - credit, liabilities and equity as credit - debit, so every
// side reads positive in the normal case and contra accounts (accumulated depreciation) subtract.
/** The statement for an as_of on a month's last day (balances only) or inside a month (plus its days). */
const rowsSql = (cuts: MonthCuts) => `
with

accounts as (${LEAF_ACCOUNTS}),

fiscal as (${FISCAL_START_MONTH}),

bounds as (
    select strftime(${fiscalYearStart(AS_OF, 'start_month')}, '%Y-%m') as fiscal_year_start_period
    from fiscal
),

-- Summed per account and month first: the balance mart has a row per dimension combination, and joining those
-- to the accounts' words and grouping by them cost more than the rest of the statement.
movements as (
    select account_code, period, sum(amount) as amount
    from (${movementsBetween(BEGINNING, AS_OF, cuts)})
    group by account_code, period
),

account_items as (
    select
        case accounts.type when 'asset' then 'assets' when 'liability' then 'liabilities' else 'equity' end as side,
        accounts.statement_section as section,
        accounts.section_sort,
        accounts.statement_line as line,
        accounts.line_sort,
        accounts.code as item_key,
        accounts.code as account_code,
        accounts.name,
        accounts.sort_order as item_sort,
        sum(case when accounts.type = 'asset' then movements.amount else -movements.amount end) as amount
    from movements
    inner join accounts
        on movements.account_code = accounts.code
    where accounts.statement = 'balance_sheet'
    group by all
),

-- The income-statement result up to as_of belongs to equity: periods before the fiscal year of as_of are
-- prior years' result not yet closed into retained earnings, the rest is the result of the year to date.
-- Closing entries stay in: a closed year's income-statement balances net to zero here, while its result sits
-- in the retained-earnings account, so these lines only carry the years not yet closed (never counted twice).
result_items as (
    select
        case
            when movements.period < bounds.fiscal_year_start_period then 'retained_earnings'
            else 'current_year_result'
        end as line,
        -sum(movements.amount) as amount
    from movements
    inner join accounts
        on movements.account_code = accounts.code
    cross join bounds
    where accounts.statement = 'income_statement'
    group by 1
),

-- Where the chart puts retained earnings and the year's result (3300 and 3400 in the seed chart).
equity_places as (
    select
        statement_line as line,
        any_value(statement_section) as section,
        min(section_sort) as section_sort,
        min(line_sort) as line_sort
    from accounts
    where statement = 'balance_sheet'
        and type = 'equity'
    group by statement_line
),

equity_section as (
    select
        coalesce(
            (select section from equity_places where line = 'retained_earnings'),
            (select any_value(section) from equity_places),
            'equity'
        ) as section,
        coalesce((select min(section_sort) from equity_places), 1000000000) as section_sort
),

-- Under a dimension filter the selected lines need not balance among themselves; their difference is shown
-- as one equity line so the sheet still balances. Without filters it is zero and left out.
clearing as (
    select coalesce(sum(amount), 0) as amount
    from movements
),

synthetic_items as (
    select
        'equity' as side,
        coalesce(equity_places.section, equity_section.section) as section,
        coalesce(equity_places.section_sort, equity_section.section_sort) as section_sort,
        result_items.line,
        coalesce(equity_places.line_sort, 1000000000) as line_sort,
        'result:' || result_items.line as item_key,
        null as account_code,
        case result_items.line
            when 'retained_earnings' then 'Profit or loss of prior years not yet closed'
            else 'Profit or loss of the year to date'
        end as name,
        1000000000 as item_sort,
        result_items.amount
    from result_items
    cross join equity_section
    left join equity_places
        on result_items.line = equity_places.line

    union all

    select
        'equity',
        equity_section.section,
        equity_section.section_sort,
        'dimension_clearing',
        1000000001,
        'clearing',
        null,
        'Postings balanced outside the selected dimensions',
        1000000000,
        clearing.amount
    from clearing
    cross join equity_section
),

items as (
    select
        *,
        case side when 'assets' then 1 when 'liabilities' then 2 else 3 end as side_sort
    from (
        select * from account_items
        union all by name
        select * from synthetic_items
    )
    where amount <> 0
),

rolled as (${outlineRollup({ measures: ['amount'], top: { key: 'side', sort: 'side_sort' } })})

select *
from rolled
where row_kind <> 'total'
${outlineOrder('side_sort')}`;

const cached = shapeCache();

export const balanceSheet = defineReport({
  id: 'balance-sheet',
  title: 'Balance sheet',
  description:
    'Assets, liabilities and equity as of a date, grouped by the chart of accounts mapping (side, section, line, account) ' +
    'with subtotals. Liabilities and equity are shown as credit - debit. Equity includes the profit or loss not yet ' +
    'closed, so assets = liabilities + equity.',
  kind: 'statement',
  params: BalanceSheetParams,
  sql: (params) => {
    const cuts = monthCuts(null, params.as_of);
    return cached(cutsKey(cuts), () => rowsSql(cuts));
  },
  columns: [
    column('key', 'Key', 'text'),
    column('label', 'Line', 'text'),
    column('account', 'Account', 'text'),
    column('amount', 'Amount', 'money'),
  ],
  workbook: {
    sheet: 'Balance sheet',
    outlineLevelField: 'level',
    boldWhenField: 'kind',
    totals: {
      assets: { line: 'assets' },
      liabilities: { line: 'liabilities' },
      equity: { line: 'equity' },
      liabilities_and_equity: { add: ['liabilities', 'equity'] },
    },
  },
  shape(raw, params) {
    const range = { from: BEGINNING_DATE, to: params.as_of };
    const lines = outlineLines(raw.rows, {
      measures: ['amount'],
      drill: (account) => drillToLedger(account, range, params),
    });
    return { rows: lines, totals: balanceSheetTotals(lines) };
  },
});

function balanceSheetTotals(lines: Row[]) {
  const assets = amountOf(lines, 'side', 'assets');
  const liabilities = amountOf(lines, 'side', 'liabilities');
  const equity = amountOf(lines, 'side', 'equity');
  return { assets, liabilities, equity, liabilities_and_equity: addMoney(liabilities, equity) };
}

/** Adds two decimal strings in integer minor units (bigint), never through a float. */
function addMoney(left: string, right: string): string {
  return formatMoney(minor(left) + minor(right));
}

function minor(text: string): bigint {
  const parsed = parseMoney(text);
  if (!parsed.ok) throw new Error(`not a money value: ${text}`);
  return parsed.minor;
}
