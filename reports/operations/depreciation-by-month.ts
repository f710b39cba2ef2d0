// Depreciation by month and asset category, as the asset module posted it (marts.fct_asset_depreciation).
import { z } from 'zod';
import { column, defineReport } from '../definition.ts';
import { checkRangeOrder, dateRange, dimensionFilters } from '../params.ts';

export const DepreciationByMonthParams = z
  .strictObject({ ...dateRange, department: dimensionFilters.department })
  .superRefine(checkRangeOrder);

const PER_MONTH = `
with

depreciation as (
    select period, category, amount, asset_number
    from marts.fct_asset_depreciation
    where posting_date between cast($from as date) and cast($to as date)
        and (cast($department as varchar) is null or department = $department)
),

per_month as (
    select
        period,
        category,
        sum(amount)::decimal(18, 2) as depreciation,
        count(distinct asset_number)::integer as assets
    from depreciation
    group by period, category
)`;

export const depreciationByMonth = defineReport({
  id: 'depreciation-by-month',
  title: 'Depreciation by month',
  description:
    'Depreciation the asset module posted per month and asset category between from and to, with the number ' +
    'of assets depreciated. Filter: department (of the asset).',
  kind: 'report',
  params: DepreciationByMonthParams,
  sql: `${PER_MONTH}
select * from per_month
order by period, category`,
  totalsSql: `${PER_MONTH}
select coalesce(sum(depreciation), 0)::decimal(18, 2) as depreciation
from per_month`,
  columns: [
    column('period', 'Month', 'text'),
    column('category', 'Category', 'text'),
    column('depreciation', 'Depreciation', 'money'),
    column('assets', 'Assets', 'integer'),
  ],
  chart: {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Depreciation per month, stacked by asset category',
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: 'Month' },
      y: { field: 'depreciation', type: 'quantitative', title: 'Depreciation', aggregate: 'sum' },
      color: { field: 'category', type: 'nominal', title: 'Category' },
    },
  },
  workbook: { sheet: 'Depreciation by month', freezeHeader: true },
});
