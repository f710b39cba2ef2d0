// Executive KPIs by month: revenue, gross margin, EBIT, cash, receivables and payables days and inventory
// turns, all from the GL balances; the totals row is the selected month beside the month before it.
import { z } from 'zod';
import { type ColumnType, column, defineReport } from '../definition.ts';
import { kpiWindow, MONTHLY_POSITION, WINDOW_START } from './fragments.ts';

export const ExecutiveKpisParams = z.strictObject(kpiWindow);

export interface KpiDef {
  key: string;
  label: string;
  type: ColumnType;
  /** How the figure is derived, shown beside the tile so nobody has to guess. */
  definition: string;
}

/** The tiles of the executive dashboard, in order; each key is a column of the rows and of the totals. */
export const EXECUTIVE_KPIS: readonly KpiDef[] = [
  { key: 'revenue', label: 'Revenue', type: 'money', definition: 'revenue section, net of deductions' },
  {
    key: 'gross_margin_pct',
    label: 'Gross margin',
    type: 'percent',
    definition: '(revenue - cost of sales) / revenue',
  },
  {
    key: 'ebit',
    label: 'EBIT',
    type: 'money',
    definition: 'result before finance costs, finance income, tax',
  },
  { key: 'cash', label: 'Cash', type: 'money', definition: 'cash and cash equivalents at month end' },
  {
    key: 'receivables_days',
    label: 'Receivables days',
    type: 'number',
    definition: 'trade receivables / revenue x days in month',
  },
  {
    key: 'payables_days',
    label: 'Payables days',
    type: 'number',
    definition: 'trade payables / cost of sales x days in month',
  },
  {
    key: 'inventory_turns',
    label: 'Inventory turns',
    type: 'number',
    definition: 'cost of sales x 12 / average inventory (annualised)',
  },
];

// Ratios are not money: DuckDB divides decimals in double precision, and each ratio is rounded once, here.
const KPIS = `
with

${MONTHLY_POSITION},

kpis as (
    select
        period,
        revenue::decimal(18, 2) as revenue,
        cost_of_sales::decimal(18, 2) as cost_of_sales,
        (revenue - cost_of_sales)::decimal(18, 2) as gross_profit,
        case when revenue <> 0 then round(100 * (revenue - cost_of_sales) / revenue, 2) end::decimal(18, 2)
            as gross_margin_pct,
        ebit::decimal(18, 2) as ebit,
        cash::decimal(18, 2) as cash,
        receivables::decimal(18, 2) as receivables,
        payables::decimal(18, 2) as payables,
        inventory::decimal(18, 2) as inventory,
        case when revenue <> 0 then round(receivables * days / revenue, 1) end::decimal(18, 1) as receivables_days,
        case when cost_of_sales <> 0 then round(payables * days / cost_of_sales, 1) end::decimal(18, 1)
            as payables_days,
        case
            when inventory + opening_inventory <> 0
                then round(cost_of_sales * 12 / ((opening_inventory + inventory) / 2), 2)
        end::decimal(18, 2) as inventory_turns
    from (
        -- Before the calendar's first month nothing was held.
        select *, coalesce(lag(inventory) over (order by period), 0) as opening_inventory
        from positions
    )
)`;

/** `current.kpi`, `previous.kpi` and their difference for every tile (static text: the list is constant). */
const TILE_COLUMNS = EXECUTIVE_KPIS.map(
  ({ key }) =>
    `current.${key}, previous.${key} as ${key}_previous, (current.${key} - previous.${key}) as ${key}_change`,
).join(',\n    ');

export const executiveKpis = defineReport({
  id: 'executive-kpis',
  title: 'Executive KPIs by month',
  description:
    'For each month of the window ending at period (months long): revenue, cost of sales, gross profit and ' +
    'margin %, EBIT, month-end cash, trade receivables, trade payables and inventory, receivables days, payables ' +
    'days and annualised inventory turns, from the GL balances. Totals: the month `period` with the month ' +
    'before it and the change. Filter: department.',
  kind: 'report',
  params: ExecutiveKpisParams,
  sql: `${KPIS}
select * from kpis
where period >= ${WINDOW_START}
order by period`,
  totalsSql: `${KPIS}
select
    current.period,
    previous.period as previous_period,
    ${TILE_COLUMNS}
from kpis as current
left join kpis as previous
    on previous.period = strftime(cast(current.period || '-01' as date) - interval 1 month, '%Y-%m')
where current.period = $period`,
  columns: [
    column('period', 'Month', 'text'),
    column('revenue', 'Revenue', 'money'),
    column('cost_of_sales', 'Cost of sales', 'money'),
    column('gross_profit', 'Gross profit', 'money'),
    column('gross_margin_pct', 'Gross margin %', 'percent'),
    column('ebit', 'EBIT', 'money'),
    column('cash', 'Cash', 'money'),
    column('receivables', 'Trade receivables', 'money'),
    column('payables', 'Trade payables', 'money'),
    column('inventory', 'Inventory', 'money'),
    column('receivables_days', 'Receivables days', 'number'),
    column('payables_days', 'Payables days', 'number'),
    column('inventory_turns', 'Inventory turns', 'number'),
  ],
  chart: {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Revenue (bars) and gross margin % (line) by month',
    encoding: { x: { field: 'period', type: 'ordinal', title: 'Month' } },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: { y: { field: 'revenue', type: 'quantitative', title: 'Revenue' } },
      },
      {
        mark: { type: 'line', point: true, color: '#e45756' },
        encoding: { y: { field: 'gross_margin_pct', type: 'quantitative', title: 'Gross margin %' } },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  },
  workbook: { sheet: 'Executive KPIs', freezeHeader: true },
});
