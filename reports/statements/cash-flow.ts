// Cash-flow statement for a range (IAS 7), by the indirect or the direct method. Investing and financing are
// the cash actually paid or received against those accounts in both methods (IAS 7.21 asks for gross cash
// receipts and payments there); operating is reconciled from profit (indirect) or listed by what the cash
// paid for (direct). Both therefore give the same section totals, and net change = closing - opening cash.
import { z } from 'zod';
import { column, defineReport, type Row } from '../definition.ts';
import { checkRangeOrder, dateRange, dimensionFilters } from '../params.ts';
import { drillToLedger } from './drill.ts';
import {
  BEGINNING,
  cutsBefore,
  cutsKey,
  dimensionFilter,
  LEAF_ACCOUNTS,
  type MonthCuts,
  monthCuts,
  movementsBetween,
  outlineOrder,
  outlineRollup,
  resultMovementsBetween,
  shapeCache,
  splitByMonths,
} from './fragments.ts';
import { amountOf, outlineLines } from './outline.ts';

export const CashFlowParams = z
  .strictObject({
    ...dateRange,
    method: z.enum(['indirect', 'direct']).default('indirect'),
    ...dimensionFilters,
  })
  .superRefine(checkRangeOrder);

const FROM = 'cast($from as date)';
const TO = 'cast($to as date)';
const SECTION_SORT = "case section when 'operating' then 1 when 'investing' then 2 else 3 end";

/** Movements and cash allocations of the range, each read by its month cuts. */
const common = (cuts: MonthCuts) => `
with

accounts as (${LEAF_ACCOUNTS}),

-- Closing entries move no cash and would only shift the profit line into retained earnings: left out.
-- Summed per account before the accounts join in, rather than grouping the mart's rows (one per dimension
-- combination) by every column of the account.
movements as (
    select account_code, sum(amount) as amount
    from (${resultMovementsBetween(FROM, TO, cuts)})
    group by account_code
),

per_account as (
    select
        accounts.*,
        movements.amount
    from movements
    inner join accounts
        on movements.account_code = accounts.code
),

-- Whole months from the monthly cash-flow mart, the days of a cut month from the allocations themselves.
allocations as (${splitByMonths({
  columns: 'cash_flow_section, direct_line, counter_account_code, amount',
  monthly: 'marts.fct_cash_flow_balances',
  daily: 'marts.rpt_cash_flow_allocations',
  fromSql: FROM,
  toSql: TO,
  where: dimensionFilter(),
  cuts,
})}),

-- Investing and financing: the cash attributed to those accounts, by the chart's cash-flow line.
cash_items as (
    select
        allocations.cash_flow_section as section,
        allocations.direct_line as line,
        coalesce(min(accounts.sort_order), 1000000000) as line_sort,
        coalesce(allocations.counter_account_code, 'unallocated') as item_key,
        allocations.counter_account_code as account_code,
        coalesce(any_value(accounts.name), 'Net cash moved without a counter line') as name,
        coalesce(min(accounts.sort_order), 1000000000) as item_sort,
        sum(allocations.amount) as amount
    from allocations
    left join accounts
        on allocations.counter_account_code = accounts.code
    group by all
)
`;

// Indirect (IAS 7.18(b)): profit, adjusted by the movements of every other non-cash account. A movement of
// a balance-sheet account read as credit - debit is its cash effect (more receivables = less cash).
const INDIRECT_ITEMS = `
operating_items as (
    -- Profit for the period, with other postings straight to retained earnings and the year's result.
    select
        'net_income' as line,
        0 as line_sort,
        case when statement = 'income_statement' then 'profit' else code end as item_key,
        case when statement = 'income_statement' then null else code end as account_code,
        case when statement = 'income_statement' then 'Profit for the period' else name end as name,
        case when statement = 'income_statement' then 0 else sort_order end as item_sort,
        -amount as amount
    from per_account
    where statement = 'income_statement'
        or (statement = 'balance_sheet' and cash_flow_category = 'non_cash' and cash_flow_line = 'net_income')

    union all

    -- Non-cash items (depreciation through accumulated depreciation) and changes in working capital.
    select
        cash_flow_line,
        case when cash_flow_category = 'non_cash' then 1000000 else 2000000 end
            + min(sort_order) over (partition by cash_flow_line),
        code, code, name, sort_order, -amount
    from per_account
    where statement = 'balance_sheet'
        and (cash_flow_category = 'operating' or (cash_flow_category = 'non_cash' and cash_flow_line <> 'net_income'))

    union all

    -- Investing and financing accounts that moved without cash (bought on credit, loan converted) belong to
    -- no cash flow (IAS 7.43): their movement less the cash shown under investing and financing.
    select
        'non_cash_investing_financing',
        3000000,
        coalesce(per_account.code, paid.account_code),
        coalesce(per_account.code, paid.account_code),
        coalesce(per_account.name, paid.name),
        coalesce(per_account.sort_order, paid.item_sort),
        -coalesce(per_account.amount, 0) - coalesce(paid.amount, 0)
    from (
        select * from per_account
        where statement = 'balance_sheet' and cash_flow_category in ('investing', 'financing')
    ) as per_account
    full outer join (
        select account_code, any_value(name) as name, min(item_sort) as item_sort, sum(amount) as amount
        from cash_items
        where section in ('investing', 'financing')
        group by account_code
    ) as paid
        on per_account.code = paid.account_code

    union all

    -- Under a dimension filter the selected lines need not balance among themselves; zero without filters.
    select
        'dimension_clearing',
        4000000,
        'clearing',
        null,
        'Postings balanced outside the selected dimensions',
        0,
        coalesce(sum(amount), 0)
    from movements
),

items as (
    select
        'operating' as section,
        1 as section_sort,
        line,
        line_sort,
        item_key,
        account_code,
        name,
        item_sort,
        amount
    from operating_items
    where amount <> 0

    union all

    select section, ${SECTION_SORT}, line, line_sort, item_key, account_code, name, item_sort, amount
    from cash_items
    where section in ('investing', 'financing')
        and amount <> 0
)
`;

// Direct (IAS 7.18(a)): every cash movement, named by the accounts it was booked against.
const DIRECT_ITEMS = `
items as (
    select section, ${SECTION_SORT} as section_sort, line, line_sort, item_key, account_code, name, item_sort, amount
    from cash_items
    where amount <> 0
)
`;

function outlineSql(cuts: MonthCuts, items: string): string {
  return `${common(cuts)},
${items},

rolled as (${outlineRollup({ measures: ['amount'] })})

select *
from rolled
${outlineOrder()}`;
}

/** Opening and closing cash: the balance before the range (cuts `before`) and its movement (cuts `range`). */
const totalsSql = (before: MonthCuts, range: MonthCuts) => `
with

accounts as (${LEAF_ACCOUNTS}),

cash_accounts as (
    select code
    from accounts
    where cash_flow_category = 'cash'
),

opening as (
    select coalesce(sum(amount), 0) as amount
    from (${movementsBetween(BEGINNING, `${FROM} - 1`, before)})
    where account_code in (select code from cash_accounts)
),

movement as (
    select coalesce(sum(amount), 0) as amount
    from (${movementsBetween(FROM, TO, range)})
    where account_code in (select code from cash_accounts)
)

select
    opening.amount::decimal(18, 2) as opening_cash,
    (opening.amount + movement.amount)::decimal(18, 2) as closing_cash
from opening
cross join movement`;

const cached = shapeCache();

export const cashFlow = defineReport({
  id: 'cash-flow',
  title: 'Cash-flow statement',
  description:
    'Cash flows between from and to by operating, investing and financing activities (IAS 7); method=indirect reconciles ' +
    'operating cash from profit, method=direct lists cash by the accounts it was booked against. Both give the same ' +
    'totals, and net_change = closing_cash - opening_cash.',
  kind: 'statement',
  params: CashFlowParams,
  sql: (params) => {
    const cuts = monthCuts(params.from, params.to);
    const items = params.method === 'direct' ? DIRECT_ITEMS : INDIRECT_ITEMS;
    return cached(`${params.method}:${cutsKey(cuts)}`, () => outlineSql(cuts, items));
  },
  totalsSql: (params) => {
    const before = cutsBefore(params.from);
    const range = monthCuts(params.from, params.to);
    return cached(`totals:${cutsKey(before, range)}`, () => totalsSql(before, range));
  },
  columns: [
    column('key', 'Key', 'text'),
    column('label', 'Line', 'text'),
    column('account', 'Account', 'text'),
    column('amount', 'Amount', 'money'),
  ],
  workbook: {
    sheet: 'Cash flow',
    outlineLevelField: 'level',
    boldWhenField: 'kind',
    totals: {
      operating: { line: 'operating' },
      investing: { line: 'investing' },
      financing: { line: 'financing' },
      net_change: { add: ['operating', 'investing', 'financing'] },
      closing_cash: { add: ['opening_cash', 'net_change'] },
    },
  },
  shape(raw, params) {
    const lines = outlineLines(raw.rows, {
      measures: ['amount'],
      labels: params.method === 'direct' ? 'direct' : 'default',
      drill: (account) => drillToLedger(account, params, params),
    });
    return { rows: lines, totals: cashFlowTotals(raw.rows, lines, raw.totals ?? {}) };
  },
});

function cashFlowTotals(rows: Row[], lines: Row[], cash: Row) {
  const grandTotal = rows.find((row) => row.row_kind === 'total');
  return {
    operating: amountOf(lines, 'section', 'operating'),
    investing: amountOf(lines, 'section', 'investing'),
    financing: amountOf(lines, 'section', 'financing'),
    net_change: typeof grandTotal?.amount === 'string' ? grandTotal.amount : '0.00',
    opening_cash: cash.opening_cash ?? '0.00',
    closing_cash: cash.closing_cash ?? '0.00',
  };
}
