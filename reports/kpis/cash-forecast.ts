// Month-end cash with a stated forecast: the least-squares line through the window's month-end balances,
// fitted to the history and projected `horizon` months ahead. A trend, not a plan: it knows no invoices.
import { z } from 'zod';
import { column, defineReport } from '../definition.ts';
import { kpiWindow, MONTHLY_POSITION, WINDOW_START } from './fragments.ts';

/** Months projected at most, and by default. */
export const FORECAST_MONTHS_MAX = 12;
export const FORECAST_MONTHS_DEFAULT = 3;

export const CASH_FORECAST_METHOD =
  'linear trend: the least-squares line through the month-end cash balances of the window, projected ahead';

export const CashForecastParams = z.strictObject({
  ...kpiWindow,
  horizon: z.coerce.number().int().min(1).max(FORECAST_MONTHS_MAX).default(FORECAST_MONTHS_DEFAULT),
});

// The month's place on the time axis is its number of months since year 0, so the line is fitted on evenly
// spaced points. The trend is an estimate, so computing it in double precision and rounding it to cents once
// is exact enough; the actual balances stay exact decimals.
const FORECAST = `
with

${MONTHLY_POSITION},

history as (
    select
        period,
        year(cast(period || '-01' as date)) * 12 + month(cast(period || '-01' as date)) as month_number,
        cash
    from positions
    where period >= ${WINDOW_START}
),

fit as (
    select
        regr_slope(cast(cash as double), month_number) as slope,
        regr_intercept(cast(cash as double), month_number) as intercept,
        max(month_number) as last_month_number
    from history
),

future as (
    select
        strftime(cast($period || '-01' as date) + to_months(cast(step as integer)), '%Y-%m') as period,
        fit.last_month_number + step as month_number
    from range(1, $horizon + 1) as steps(step)
    cross join fit
),

timeline as (
    select period, month_number, cash, false as is_forecast from history
    union all
    select period, month_number, null, true from future
),

final as (
    select
        timeline.period,
        timeline.cash::decimal(18, 2) as cash,
        round(fit.intercept + fit.slope * timeline.month_number, 2)::decimal(18, 2) as trend,
        timeline.is_forecast
    from timeline
    cross join fit
)`;

export const cashForecast = defineReport({
  id: 'cash-forecast',
  title: 'Cash trend and forecast',
  description:
    'Month-end cash (IAS 7 cash and cash equivalents) for the months of the window ending at period, and a ' +
    `forecast for horizon months after it (at most ${FORECAST_MONTHS_MAX}) by ${CASH_FORECAST_METHOD}. ` +
    'Filter: department.',
  kind: 'report',
  params: CashForecastParams,
  sql: `${FORECAST}
select * from final
order by period`,
  totalsSql: `${FORECAST}
select
    (select cash from final where period = $period) as cash,
    (select trend from final where is_forecast order by period desc limit 1) as forecast,
    (select period from final where is_forecast order by period desc limit 1) as forecast_period,
    round((select slope from fit), 2)::decimal(18, 2) as trend_per_month`,
  columns: [
    column('period', 'Month', 'text'),
    column('cash', 'Cash', 'money'),
    column('trend', 'Trend', 'money'),
    column('is_forecast', 'Forecast', 'text'),
  ],
  chart: {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Month-end cash (solid) and its linear trend and forecast (dashed)',
    encoding: { x: { field: 'period', type: 'ordinal', title: 'Month' } },
    layer: [
      {
        mark: { type: 'line', point: true, color: '#4c78a8' },
        encoding: { y: { field: 'cash', type: 'quantitative', title: 'Cash' } },
      },
      {
        mark: { type: 'line', strokeDash: [6, 4], color: '#72b7b2' },
        encoding: { y: { field: 'trend', type: 'quantitative' } },
      },
    ],
  },
  workbook: { sheet: 'Cash forecast', freezeHeader: true },
});
