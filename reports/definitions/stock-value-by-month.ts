// Stock value by warehouse at every month end of a range, summed from the stock-move mart: how the stock a
// company holds grows or shrinks over time (the supply dashboard's trend). Its last month equals the
// stock-by-warehouse total at the same date.
import { z } from 'zod';
import { Code, IsoDate } from '../../ingest/index.ts';
import { monthsTouched } from '../dates.ts';
import { column, defineReport } from '../definition.ts';
import { checkRangeOrder, fieldIssue } from '../params.ts';

/** Months one answer covers at most (five years). */
export const STOCK_MONTHS_MAX = 60;

export const StockValueByMonthParams = z
  .strictObject({ from: IsoDate, to: IsoDate, warehouse: Code.optional() })
  .superRefine((range, ctx) => {
    checkRangeOrder(range, ctx);
    if (range.from <= range.to && monthsTouched(range.from, range.to) > STOCK_MONTHS_MAX) {
      fieldIssue(ctx, 'from', 'too_many_months', `at most ${STOCK_MONTHS_MAX} months from from to to`);
    }
  });

// Moves before the first month count into it, so each month's balance is everything posted by its end.
const BALANCES = `
with

months as (
    select
        cast(month as date) as month_start,
        strftime(month, '%Y-%m') as period
    from range(
        date_trunc('month', cast($from as date)), cast($to as date) + interval 1 day, interval 1 month
    ) as months(month)
),

monthly as (
    select
        warehouse_code,
        greatest(cast(date_trunc('month', posting_date) as date), (select min(month_start) from months))
            as month_start,
        sum(value) as value
    from marts.fct_stock_moves
    where posting_date <= cast($to as date)
        and (cast($warehouse as varchar) is null or warehouse_code = $warehouse)
    group by all
),

grid as (
    select months.month_start, months.period, warehouses.warehouse_code
    from months
    cross join (select distinct warehouse_code from monthly) as warehouses
),

balances as (
    select
        grid.period,
        grid.warehouse_code,
        sum(coalesce(monthly.value, 0)) over (
            partition by grid.warehouse_code order by grid.month_start rows unbounded preceding
        ) as value
    from grid
    left join monthly
        on grid.warehouse_code = monthly.warehouse_code and grid.month_start = monthly.month_start
)
`;

export const stockValueByMonth = defineReport({
  id: 'stock-value-by-month',
  title: 'Stock value by month',
  description:
    'Value of the stock on hand per warehouse at the end of every month from `from` to `to` (the last ' +
    `month at \`to\` itself), at most ${STOCK_MONTHS_MAX} months. Filter: warehouse. Totals: the value at ` +
    '`to` over every warehouse (equal to the stock-by-warehouse total on that day) and the warehouses.',
  kind: 'report',
  params: StockValueByMonthParams,
  sql: `${BALANCES}
select
    balances.period,
    balances.warehouse_code as warehouse,
    warehouses.warehouse_name,
    balances.value::decimal(18, 2) as value
from balances
left join marts.dim_warehouses as warehouses
    on balances.warehouse_code = warehouses.warehouse_code and warehouses.is_current
order by balances.period, warehouse`,
  totalsSql: `${BALANCES}
select
    coalesce(sum(value) filter (where period = (select max(period) from months)), 0)::decimal(18, 2) as value,
    count(distinct warehouse_code)::integer as warehouses
from balances`,
  columns: [
    column('period', 'Month', 'text'),
    column('warehouse', 'Warehouse', 'text'),
    column('warehouse_name', 'Name', 'text'),
    column('value', 'Value at month end', 'money'),
  ],
  chart: {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Stock value at each month end, stacked by warehouse',
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: 'Month' },
      y: { field: 'value', type: 'quantitative', aggregate: 'sum', title: 'Stock value' },
      color: { field: 'warehouse', type: 'nominal', title: 'Warehouse' },
    },
  },
  workbook: { sheet: 'Stock value by month', freezeHeader: true },
});
