// Result by month: revenue, expenses and profit per calendar month of a range, charted as a trend. A plain
// report: the engine runs its SQL and returns the rows as they come.
import { z } from 'zod';
import { column, defineReport } from '../definition.ts';
import { checkRangeOrder, dateRange, dimensionFilters } from '../params.ts';
import {
  cutsKey,
  LEAF_ACCOUNTS,
  type MonthCuts,
  monthCuts,
  resultMovementsBetween,
  shapeCache,
} from '../statements/fragments.ts';

export const MonthlyResultParams = z
  .strictObject({ ...dateRange, ...dimensionFilters })
  .superRefine(checkRangeOrder);

/** Revenue, expenses and profit per month of the range, read by its month cuts. */
const perPeriod = (cuts: MonthCuts) => `
with

accounts as (${LEAF_ACCOUNTS}),

movements as (${resultMovementsBetween('cast($from as date)', 'cast($to as date)', cuts)}),

per_period as (
    select
        movements.period,
        coalesce(sum(-movements.amount) filter (where accounts.type = 'revenue'), 0) as revenue,
        coalesce(sum(movements.amount) filter (where accounts.type = 'expense'), 0) as expenses,
        -sum(movements.amount) as net_income
    from movements
    inner join accounts
        on movements.account_code = accounts.code
    where accounts.statement = 'income_statement'
    group by movements.period
)
`;

const cached = shapeCache();

function byShape(
  part: string,
  params: { from: string; to: string },
  build: (cuts: MonthCuts) => string,
): string {
  const cuts = monthCuts(params.from, params.to);
  return cached(`${part}:${cutsKey(cuts)}`, () => build(cuts));
}

export const monthlyResult = defineReport({
  id: 'monthly-result',
  title: 'Result by month',
  description:
    'Revenue (credit - debit), expenses (debit - credit) and profit for each calendar month between from and to.',
  kind: 'report',
  params: MonthlyResultParams,
  sql: (params) =>
    byShape(
      'rows',
      params,
      (cuts) => `${perPeriod(cuts)}
select
    period,
    revenue::decimal(18, 2) as revenue,
    expenses::decimal(18, 2) as expenses,
    net_income::decimal(18, 2) as net_income
from per_period
order by period`,
    ),
  totalsSql: (params) =>
    byShape(
      'totals',
      params,
      (cuts) => `${perPeriod(cuts)}
select
    coalesce(sum(revenue), 0)::decimal(18, 2) as revenue,
    coalesce(sum(expenses), 0)::decimal(18, 2) as expenses,
    coalesce(sum(net_income), 0)::decimal(18, 2) as net_income
from per_period`,
    ),
  columns: [
    column('period', 'Month', 'text'),
    column('revenue', 'Revenue', 'money'),
    column('expenses', 'Expenses', 'money'),
    column('net_income', 'Profit', 'money'),
  ],
  chart: {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: 'Profit by month',
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: 'Month' },
      y: { field: 'net_income', type: 'quantitative', title: 'Profit' },
    },
  },
  workbook: { sheet: 'Result by month', freezeHeader: true },
});
