// Cash-flow statement for a range (IAS 7), by the indirect or the direct method. Investing and financing are
// the cash actually paid or received against those accounts in both methods (IAS 7.21 asks for gross cash
// receipts and payments there); operating is reconciled from profit (indirect) or listed by what the cash
// paid for (direct). Both therefore give the same section totals, and net change = closing - opening cash.
import { z } from 'zod';
import { formatMoney } from '../../ingest/index.ts';
import { minorFromString as minor } from '../../ingest/money.ts';
import { column, defineReport, type Row } from '../definition.ts';
import { checkRangeOrder, dateRange, dimensionFilters } from '../params.ts';
import { drillToLedger } from './drill.ts';
import {
  addDays,
  BEGINNING,
  cutsBefore,
  cutsKey,
  dimensionFilter,
  inAccounts,
  type MonthCuts,
  monthCuts,
  monthSplitBindings,
  movementsBetween,
  shapeCache,
  splitByMonths,
} from './fragments.ts';
import { cashAccounts, leafChart } from './kept.ts';
import { AFTER_ACCOUNTS, amountOf, type OutlineItem, outlineLines, rollUpOutline } from './outline.ts';

export const CashFlowParams = z
  .strictObject({
    ...dateRange,
    method: z.enum(['indirect', 'direct']).default('indirect'),
    ...dimensionFilters,
  })
  .superRefine(checkRangeOrder);

const FROM = 'cast($from as date)';
const TO = 'cast($to as date)';
/**
 * One query for the whole statement: a row per account that moved in the range or holds cash before it
 * (`source` 'account') with its movement in the range without closing entries (`amount`), with them
 * (`movement`) and before the range (`opening`, cash accounts only), then a row per cash-flow section, direct
 * line and counter account of the range's cash allocations (`source` 'allocation'). `shape` joins the account
 * rows to the chart's leaves in memory (leafChart, kept until a transform publishes: joining the chart here
 * cost DuckDB 2-4 ms) and builds the lines, subtotals and totals of either method from them, in exact minor
 * units: cheaper than the common table expressions and the rollup DuckDB ran for them.
 */
const leavesSql = (before: MonthCuts, range: MonthCuts) => `
with

sums as (
    select
        account_code,
        sum(amount) filter (where not is_closing_entry) as amount,
        sum(amount) as movement
    from (${movementsBetween(FROM, TO, range, 'range')})
    group by account_code
),

opening as (
    select account_code, sum(amount) as amount
    from (${movementsBetween(BEGINNING, `${FROM} - 1`, before, 'opening', inAccounts('cash_accounts'))})
    group by account_code
),

-- Whole months from the monthly cash-flow mart, the days of a cut month from the allocations themselves.
allocations as (
    select cash_flow_section, direct_line, counter_account_code, sum(amount) as amount
    from (${splitByMonths({
      columns: 'cash_flow_section, direct_line, counter_account_code, amount',
      monthly: 'marts.fct_cash_flow_balances',
      daily: 'marts.rpt_cash_flow_allocations',
      fromSql: FROM,
      toSql: TO,
      where: dimensionFilter(),
      cuts: range,
      bound: 'range',
    })})
    group by all
)

select
    'account' as source,
    coalesce(sums.account_code, opening.account_code) as code,
    null as cash_flow_section,
    null as direct_line,
    sums.amount::decimal(18, 2) as amount,
    coalesce(sums.movement, 0)::decimal(18, 2) as movement,
    coalesce(opening.amount, 0)::decimal(18, 2) as opening
from sums
full outer join opening
    on sums.account_code = opening.account_code

union all

select
    'allocation',
    counter_account_code,
    cash_flow_section,
    direct_line,
    amount::decimal(18, 2),
    0,
    0
from allocations`;

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
    const before = cutsBefore(params.from);
    const range = monthCuts(params.from, params.to);
    return cached(cutsKey(before, range), () => leavesSql(before, range));
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
  async resolve(db, params) {
    return {
      ...monthSplitBindings('range', params.from, params.to),
      ...monthSplitBindings('opening', null, addDays(params.from, -1)),
      cash_accounts: await cashAccounts(db),
    };
  },
  reference: (db) => leafChart(db),
  shape(raw, params) {
    const leaves = cashFlowLeaves(raw.rows, raw.reference ?? []);
    const items = params.method === 'direct' ? directItems(leaves) : indirectItems(leaves);
    const rows = rollUpOutline(items, ['amount']);
    const lines = outlineLines(rows, {
      measures: ['amount'],
      labels: params.method === 'direct' ? 'direct' : 'default',
      drill: (account) => drillToLedger(account, params, params),
    });
    return { rows: lines, totals: cashFlowTotals(rows, lines, leaves) };
  },
});

const SECTION_SORT: Record<string, number> = { operating: 1, investing: 2 };
/** Where the indirect method's operating lines sort: profit, non-cash items, working capital, the rest. */
const NON_CASH_LINES = 1_000_000;
const WORKING_CAPITAL_LINES = 2_000_000;
const NON_CASH_INVESTING_FINANCING = 3_000_000;
const DIMENSION_CLEARING = 4_000_000;

interface Account {
  code: string;
  name: string;
  statement: string;
  category: string;
  line: string;
  sort: number;
  /** Movement in the range without closing entries; null when nothing in the range touched the account. */
  amount: bigint | null;
  movement: bigint;
  opening: bigint;
}

interface Allocation {
  section: string;
  line: string;
  counter: string | null;
  amount: bigint;
}

/**
 * Every leaf account of `chart` (leafChart's rows) with its sums from the query's account rows (none: no
 * movement, `amount` null), and the query's allocation rows. Sums of an account the chart holds no leaf for
 * are left out, as the statement lists the chart's leaves.
 */
function cashFlowLeaves(rows: Row[], chart: Row[]) {
  const sums = new Map<string, Row>();
  const allocations: Allocation[] = [];
  for (const row of rows) {
    if (row.source === 'allocation') {
      allocations.push({
        section: String(row.cash_flow_section),
        line: String(row.direct_line),
        counter: typeof row.code === 'string' ? row.code : null,
        amount: minor(String(row.amount)),
      });
      continue;
    }
    sums.set(String(row.code), row);
  }
  const accounts = chart.map((leaf): Account => {
    const found = sums.get(String(leaf.account));
    return {
      code: String(leaf.account),
      name: String(leaf.name),
      statement: String(leaf.statement),
      category: String(leaf.cash_flow_category),
      line: String(leaf.cash_flow_line),
      sort: Number(leaf.sort_order),
      amount: found === undefined || found.amount === null ? null : minor(String(found.amount)),
      movement: found === undefined ? 0n : minor(String(found.movement)),
      opening: found === undefined ? 0n : minor(String(found.opening)),
    };
  });
  return { accounts, allocations, byCode: new Map(accounts.map((account) => [account.code, account])) };
}

type Leaves = ReturnType<typeof cashFlowLeaves>;

/**
 * The cash attributed to each counter account, by the chart's cash-flow section and direct line; cash
 * moved with no counter line stays visible as its own item.
 */
function cashItems({ allocations, byCode }: Leaves): OutlineItem[] {
  const items = new Map<string, OutlineItem>();
  for (const allocation of allocations) {
    const account = allocation.counter === null ? undefined : byCode.get(allocation.counter);
    const key = JSON.stringify([allocation.section, allocation.line, allocation.counter]);
    const known = items.get(key);
    if (known) {
      known.measures.amount = (known.measures.amount as bigint) + allocation.amount;
      continue;
    }
    items.set(key, {
      section: allocation.section,
      section_sort: SECTION_SORT[allocation.section] ?? 3,
      line: allocation.line,
      line_sort: account?.sort ?? AFTER_ACCOUNTS,
      item_key: allocation.counter ?? 'unallocated',
      item_sort: account?.sort ?? AFTER_ACCOUNTS,
      account_code: allocation.counter,
      name: account?.name ?? 'Net cash moved without a counter line',
      measures: { amount: allocation.amount },
    });
  }
  return [...items.values()];
}

// Direct (IAS 7.18(a)): every cash movement, named by the accounts it was booked against.
function directItems(leaves: Leaves): OutlineItem[] {
  return cashItems(leaves).filter((item) => item.measures.amount !== 0n);
}

// Indirect (IAS 7.18(b)): profit, adjusted by the movements of every other non-cash account. A movement of
// a balance-sheet account read as credit - debit is its cash effect (more receivables = less cash).
function indirectItems(leaves: Leaves): OutlineItem[] {
  const moved = leaves.accounts.filter((account) => account.amount !== null);
  const operating: Omit<OutlineItem, 'section' | 'section_sort'>[] = [];
  const item = (line: string, lineSort: number, account: Account, amount: bigint) => ({
    line,
    line_sort: lineSort,
    item_key: account.code,
    item_sort: account.sort,
    account_code: account.code,
    name: account.name,
    measures: { amount },
  });
  // Profit for the period, with other postings straight to retained earnings and the year's result. It is
  // shown once any income-statement account moved, even when the result comes to exactly zero.
  let profit = 0n;
  let anyResult = false;
  for (const account of moved) {
    if (account.statement !== 'income_statement' || account.amount === 0n) continue;
    profit -= account.amount as bigint;
    anyResult = true;
  }
  if (anyResult) {
    operating.push({
      line: 'net_income',
      line_sort: 0,
      item_key: 'profit',
      item_sort: 0,
      account_code: null,
      name: 'Profit for the period',
      measures: { amount: profit },
    });
  }
  const balanceSheet = moved.filter((account) => account.statement === 'balance_sheet');
  for (const account of balanceSheet) {
    if (account.category === 'non_cash' && account.line === 'net_income')
      operating.push(item('net_income', 0, account, -(account.amount as bigint)));
  }
  // Non-cash items (depreciation through accumulated depreciation) and changes in working capital: a line
  // sorts by the smallest account in it, non-cash lines before working-capital ones.
  const adjusting = balanceSheet.filter(
    (account) =>
      account.category === 'operating' || (account.category === 'non_cash' && account.line !== 'net_income'),
  );
  const firstOfLine = new Map<string, number>();
  for (const account of adjusting)
    firstOfLine.set(account.line, Math.min(firstOfLine.get(account.line) ?? account.sort, account.sort));
  for (const account of adjusting) {
    const base = account.category === 'non_cash' ? NON_CASH_LINES : WORKING_CAPITAL_LINES;
    operating.push(
      item(
        account.line,
        base + (firstOfLine.get(account.line) as number),
        account,
        -(account.amount as bigint),
      ),
    );
  }
  // Investing and financing accounts that moved without cash (bought on credit, loan converted) belong to
  // no cash flow (IAS 7.43): their movement less the cash shown under investing and financing.
  const cash = cashItems(leaves);
  const paid = new Map<string | null, { name: string; sort: number; amount: bigint }>();
  for (const entry of cash) {
    if (entry.section !== 'investing' && entry.section !== 'financing') continue;
    const known = paid.get(entry.account_code);
    paid.set(entry.account_code, {
      name: known?.name ?? (entry.name as string),
      sort: Math.min(known?.sort ?? entry.item_sort, entry.item_sort),
      amount: (known?.amount ?? 0n) + (entry.measures.amount as bigint),
    });
  }
  const investingOrFinancing = balanceSheet.filter(
    (account) => account.category === 'investing' || account.category === 'financing',
  );
  for (const account of investingOrFinancing) {
    const cashPaid = paid.get(account.code)?.amount ?? 0n;
    paid.delete(account.code);
    operating.push(
      item(
        'non_cash_investing_financing',
        NON_CASH_INVESTING_FINANCING,
        account,
        -(account.amount as bigint) - cashPaid,
      ),
    );
  }
  for (const [code, entry] of paid) {
    operating.push({
      line: 'non_cash_investing_financing',
      line_sort: NON_CASH_INVESTING_FINANCING,
      item_key: code as string,
      item_sort: entry.sort,
      account_code: code,
      name: entry.name,
      measures: { amount: -entry.amount },
    });
  }
  // Under a dimension filter the selected lines need not balance among themselves; zero without filters.
  const clearing = moved.reduce((sum, account) => sum + (account.amount as bigint), 0n);
  operating.push({
    line: 'dimension_clearing',
    line_sort: DIMENSION_CLEARING,
    item_key: 'clearing',
    item_sort: 0,
    account_code: null,
    name: 'Postings balanced outside the selected dimensions',
    measures: { amount: clearing },
  });
  return [
    ...operating.map((entry) => ({ section: 'operating', section_sort: 1, ...entry })),
    ...cash.filter((entry) => entry.section === 'investing' || entry.section === 'financing'),
  ].filter((entry) => entry.measures.amount !== 0n || entry.item_key === 'profit');
}

function cashFlowTotals(rows: Row[], lines: Row[], { accounts }: Leaves) {
  const grandTotal = rows.find((row) => row.row_kind === 'total');
  let opening = 0n;
  let movement = 0n;
  for (const account of accounts) {
    if (account.category !== 'cash') continue;
    opening += account.opening;
    movement += account.movement;
  }
  return {
    operating: amountOf(lines, 'section', 'operating'),
    investing: amountOf(lines, 'section', 'investing'),
    financing: amountOf(lines, 'section', 'financing'),
    net_change: typeof grandTotal?.amount === 'string' ? grandTotal.amount : '0.00',
    opening_cash: formatMoney(opening),
    closing_cash: formatMoney(opening + movement),
  };
}
