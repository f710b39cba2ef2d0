// Balance sheet as of a date: sides, sections and lines from the chart's mapping, with subtotals. Equity
// includes the profit or loss not yet closed (prior years and the year to date), so assets = liabilities + equity.
import { z } from 'zod';
import { formatMoney, IsoDate } from '../../ingest/index.ts';
import { minorFromString as minor } from '../../ingest/money.ts';
import { column, defineReport, type Row } from '../definition.ts';
import { dimensionFilters } from '../params.ts';
import { drillToLedger } from './drill.ts';
import {
  BEGINNING,
  BEGINNING_DATE,
  cutsKey,
  leavesOfChart,
  type MonthCuts,
  monthCuts,
  monthSplitBindings,
  movementsBetween,
  shapeCache,
  sumsOfLeaves,
} from './fragments.ts';
import { fiscalStartMonth, fiscalYearStartPeriod, leafChart } from './kept.ts';
import {
  AFTER_ACCOUNTS,
  amountOf,
  type ChartPlaces,
  chartPlaces,
  type OutlineItem,
  outlineLines,
  type Place,
  rollUpOutline,
} from './outline.ts';

export const BalanceSheetParams = z.strictObject({
  as_of: IsoDate,
  ...dimensionFilters,
});

const AS_OF = 'cast($as_of as date)';

/**
 * One row per leaf account of the chart, with its balance as of as_of and the part of it from before the
 * fiscal year of as_of (for the unclosed result of prior years). Everything else (sides, sections, the result
 * lines, the dimension clearing line and the subtotals) is built from these rows in `shape`: a hundred rows
 * summed in exact minor units there cost less than the common table expressions and the rollup DuckDB ran
 * for them (about 45 ms p50 on ten million lines, against this query's ~10 ms).
 */
const rowsSql = (cuts: MonthCuts) => `
with

sums as (
    select
        account_code,
        sum(amount) as amount,
        sum(amount) filter (where period < $fiscal_year_start_period) as prior_amount
    from (${movementsBetween(BEGINNING, AS_OF, cuts, 'upto')})
    group by account_code
)

${sumsOfLeaves(MEASURES)}`;

const MEASURES = ['amount', 'prior_amount'];

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
  async resolve(db, params) {
    return {
      ...monthSplitBindings('upto', null, params.as_of),
      fiscal_year_start_period: fiscalYearStartPeriod(params.as_of, await fiscalStartMonth(db)),
    };
  },
  reference: (db) => leafChart(db),
  shape(raw, params) {
    const range = { from: BEGINNING_DATE, to: params.as_of };
    const leaves = leavesOfChart(raw.reference ?? [], raw.rows, MEASURES);
    const lines = outlineLines(rollUpOutline(balanceSheetItems(leaves), ['amount']), {
      measures: ['amount'],
      drill: (account) => drillToLedger(account, range, params),
    });
    return { rows: lines, totals: balanceSheetTotals(lines) };
  },
});

const SIDE_SORT: Record<string, number> = { assets: 1, liabilities: 2, equity: 3 };
const RESULT_NAMES: Record<string, string> = {
  retained_earnings: 'Profit or loss of prior years not yet closed',
  current_year_result: 'Profit or loss of the year to date',
};

/**
 * The balance sheet's items from the leaf accounts: each balance-sheet account with a balance (assets read
 * debit - credit, liabilities and equity credit - debit, so contra accounts subtract), then in equity the
 * income-statement result not yet closed and, under a dimension filter, the clearing line.
 */
function balanceSheetItems(leaves: Row[]): OutlineItem[] {
  const chart = chartPlaces(leaves);
  const items: OutlineItem[] = [];
  let prior = 0n;
  let yearToDate = 0n;
  let clearing = 0n;
  for (const leaf of leaves) {
    const amount = minor(String(leaf.amount));
    clearing += amount;
    if (leaf.statement === 'income_statement') {
      const before = minor(String(leaf.prior_amount));
      prior += before;
      yearToDate += amount - before;
      continue;
    }
    if (leaf.statement !== 'balance_sheet' || amount === 0n) continue;
    const side = leaf.type === 'asset' ? 'assets' : leaf.type === 'liability' ? 'liabilities' : 'equity';
    items.push({
      side,
      side_sort: SIDE_SORT[side] as number,
      ...chart.place(leaf),
      item_key: String(leaf.code),
      item_sort: Number(leaf.sort_order),
      account_code: String(leaf.code),
      name: String(leaf.name),
      measures: { amount: side === 'assets' ? amount : -amount },
    });
  }
  // Closing entries stay in: a closed year's income-statement balances net to zero, while its result sits in
  // the retained-earnings account, so these lines only carry the years not yet closed (never counted twice).
  // The chart says where they go (3300 and 3400 in the seed chart); failing that, equity's first section.
  const equity = equityPlaces(leaves, chart);
  for (const [line, amount] of [
    ['retained_earnings', -prior],
    ['current_year_result', -yearToDate],
  ] as const) {
    if (amount === 0n) continue;
    const place = equity.lines.get(line);
    items.push({
      side: 'equity',
      side_sort: SIDE_SORT.equity as number,
      section: place?.section ?? equity.section,
      section_sort: place?.section_sort ?? equity.section_sort,
      line,
      line_sort: place?.line_sort ?? AFTER_ACCOUNTS,
      item_key: `result:${line}`,
      item_sort: AFTER_ACCOUNTS,
      account_code: null,
      name: RESULT_NAMES[line] as string,
      measures: { amount },
    });
  }
  // Under a dimension filter the selected lines need not balance among themselves; their difference is shown
  // as one equity line so the sheet still balances. Without filters it is zero and left out.
  if (clearing !== 0n) {
    items.push({
      side: 'equity',
      side_sort: SIDE_SORT.equity as number,
      section: equity.section,
      section_sort: equity.section_sort,
      line: 'dimension_clearing',
      line_sort: AFTER_ACCOUNTS + 1,
      item_key: 'clearing',
      item_sort: AFTER_ACCOUNTS,
      account_code: null,
      name: 'Postings balanced outside the selected dimensions',
      measures: { amount: clearing },
    });
  }
  return items;
}

/** The chart's equity lines (section and sorts) and the section that holds the computed result lines. */
function equityPlaces(leaves: Row[], chart: ChartPlaces) {
  const lines = new Map<string, Place>();
  for (const leaf of leaves) {
    if (leaf.statement !== 'balance_sheet' || leaf.type !== 'equity') continue;
    const place = chart.place(leaf);
    const known = lines.get(place.line);
    lines.set(place.line, {
      section: known?.section ?? place.section,
      section_sort: Math.min(known?.section_sort ?? place.section_sort, place.section_sort),
      line: place.line,
      line_sort: Math.min(known?.line_sort ?? place.line_sort, place.line_sort),
    });
  }
  const places = [...lines.values()];
  return {
    lines,
    section: lines.get('retained_earnings')?.section ?? places[0]?.section ?? 'equity',
    section_sort: places.length > 0 ? Math.min(...places.map((place) => place.section_sort)) : AFTER_ACCOUNTS,
  };
}

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
