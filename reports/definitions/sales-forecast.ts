// Sales and margin forecast: Holt's linear exponential smoothing (level and trend, no season) over the monthly
// series of net revenue and gross margin, computed in SQL by a recursive query, with prediction intervals
// from the one-step errors; and its backtest, which compares every one-step forecast with what happened.
// Forecasts are estimates, not bookings: they are computed in DOUBLE and rounded to cents only for display.
import { z } from 'zod';
import { column, defineReport } from '../definition.ts';

/** Months a forecast looks ahead at most. */
export const FORECAST_MONTHS_MAX = 12;
/** Smoothing defaults: the level follows half of each surprise, the trend a tenth of each level change. */
export const HOLT_ALPHA_DEFAULT = 0.5;
export const HOLT_BETA_DEFAULT = 0.1;
/** One-step forecasts left out of the error while level and trend settle from their start values. */
export const WARMUP_MONTHS_DEFAULT = 3;

const Smoothing = {
  alpha: z.coerce.number().min(0.05).max(0.95).default(HOLT_ALPHA_DEFAULT),
  beta: z.coerce.number().min(0).max(0.95).default(HOLT_BETA_DEFAULT),
  warmup: z.coerce.number().int().min(1).max(24).default(WARMUP_MONTHS_DEFAULT),
};

/**
 * Holt's method, component form: level ℓ_t = α·y_t + (1−α)(ℓ_{t−1} + b_{t−1}), trend
 * b_t = β(ℓ_t − ℓ_{t−1}) + (1−β)·b_{t−1}, started at ℓ_1 = y_1, b_1 = 0. The one-step forecast of month t,
 * ℓ_{t−1} + b_{t−1}, uses only the months before t, so its error is an honest out-of-sample error.
 */
const HOLT_SQL = `
with recursive

series as (
    select month_index as t, month_start, cast(net_revenue as double) as y, cast(margin_amount as double) as m
    from marts.rpt_sales_monthly
),

holt as (
    select t, month_start, y, m, y as level, cast(0 as double) as trend, m as m_level, cast(0 as double) as m_trend,
        cast(null as double) as y_hat, cast(null as double) as m_hat
    from series
    where t = 1
    union all
    select
        s.t, s.month_start, s.y, s.m,
        $alpha * s.y + (1 - $alpha) * (h.level + h.trend),
        $beta * ($alpha * s.y + (1 - $alpha) * (h.level + h.trend) - h.level) + (1 - $beta) * h.trend,
        $alpha * s.m + (1 - $alpha) * (h.m_level + h.m_trend),
        $beta * ($alpha * s.m + (1 - $alpha) * (h.m_level + h.m_trend) - h.m_level) + (1 - $beta) * h.m_trend,
        h.level + h.trend,
        h.m_level + h.m_trend
    from holt as h
    inner join series as s
        on s.t = h.t + 1
),

scored as (
    select * from holt where t > $warmup
),

errors as (
    select
        sqrt(avg(power(y - y_hat, 2))) as sigma,
        sqrt(avg(power(m - m_hat, 2))) as m_sigma,
        count(*) as months
    from scored
)
`;
/** The smoothing parameters as DOUBLE everywhere, so no product is typed as a narrow DECIMAL. */
const asDouble = (sql: string) =>
  sql.replaceAll('$alpha', 'cast($alpha as double)').replaceAll('$beta', 'cast($beta as double)');
const HOLT = asDouble(HOLT_SQL);

/**
 * The h-step variance of Holt's method as the additive-error model ETS(A,A,N) gives it (Hyndman &
 * Athanasopoulos, Forecasting: Principles and Practice, table of prediction variances):
 * σ²·[1 + (h−1)(α² + αβ*h + β*²h(2h−1)/6)] with β* = α·β.
 */
const SPREAD = asDouble(`sqrt(1 + (h - 1) * (power($alpha, 2) + $alpha * ($alpha * $beta) * h
    + power($alpha * $beta, 2) * h * (2 * h - 1) / 6.0))`);

const cents = (expression: string) => `cast(round(${expression}, 2) as decimal(18, 2))`;

export const salesForecast = defineReport({
  id: 'sales-forecast',
  title: 'Sales and margin forecast',
  description:
    "Net revenue and gross margin for the next `months` (3) after the last invoiced month, by Holt's linear " +
    'exponential smoothing over the monthly series (alpha 0.5, beta 0.1; no seasonal term), with 80 % and ' +
    '95 % prediction intervals from the one-step errors after `warmup` months. See sales-forecast-backtest.',
  kind: 'report',
  params: z.strictObject({
    months: z.coerce.number().int().min(1).max(FORECAST_MONTHS_MAX).default(3),
    ...Smoothing,
  }),
  sql: `${HOLT},

last_month as (
    select * from holt order by t desc limit 1
),

horizon as (
    select cast(h as integer) as h from range(1, $months + 1) as months(h)
)

select
    strftime(last_month.month_start + to_months(h), '%Y-%m') as period,
    h as months_ahead,
    ${cents('level + h * trend')} as net_revenue,
    ${cents(`greatest(level + h * trend - 1.2816 * sigma * ${SPREAD}, 0)`)} as net_revenue_low_80,
    ${cents(`level + h * trend + 1.2816 * sigma * ${SPREAD}`)} as net_revenue_high_80,
    ${cents(`greatest(level + h * trend - 1.96 * sigma * ${SPREAD}, 0)`)} as net_revenue_low_95,
    ${cents(`level + h * trend + 1.96 * sigma * ${SPREAD}`)} as net_revenue_high_95,
    ${cents('m_level + h * m_trend')} as margin,
    ${cents(`m_level + h * m_trend - 1.2816 * m_sigma * ${SPREAD}`)} as margin_low_80,
    ${cents(`m_level + h * m_trend + 1.2816 * m_sigma * ${SPREAD}`)} as margin_high_80
from last_month, horizon, errors
where errors.months > 0
order by h`,
  columns: [
    column('period', 'Month', 'text'),
    column('months_ahead', 'Months ahead', 'integer'),
    column('net_revenue', 'Net revenue (forecast)', 'money'),
    column('net_revenue_low_80', 'Revenue low (80 %)', 'money'),
    column('net_revenue_high_80', 'Revenue high (80 %)', 'money'),
    column('net_revenue_low_95', 'Revenue low (95 %)', 'money'),
    column('net_revenue_high_95', 'Revenue high (95 %)', 'money'),
    column('margin', 'Gross margin (forecast)', 'money'),
    column('margin_low_80', 'Margin low (80 %)', 'money'),
    column('margin_high_80', 'Margin high (80 %)', 'money'),
  ],
});

const percentError = (actual: string, forecast: string) =>
  `case when ${actual} <> 0 then 100.0 * abs(${actual} - ${forecast}) / abs(${actual}) end`;

export const salesForecastBacktest = defineReport({
  id: 'sales-forecast-backtest',
  title: 'Sales forecast backtest',
  description:
    'Every month after `warmup` with its one-step forecast (made from the months before it only), the error, ' +
    'the absolute percentage error and whether the actual fell inside the 80 % interval; totals: MAE, MAPE ' +
    'and RMSE of revenue, MAPE of margin, the 80 % coverage and, for scale, the MAPE of the naive forecast ' +
    '(next month = this month).',
  kind: 'report',
  params: z.strictObject(Smoothing),
  sql: `${HOLT}
select
    strftime(month_start, '%Y-%m') as period,
    ${cents('y')} as net_revenue,
    ${cents('y_hat')} as forecast,
    ${cents('y - y_hat')} as error,
    round(${percentError('y', 'y_hat')}, 2) as abs_percent_error,
    abs(y - y_hat) <= 1.2816 * sigma as is_inside_80,
    ${cents('m')} as margin,
    ${cents('m_hat')} as margin_forecast
from scored, errors
order by t`,
  totalsSql: `${HOLT},

naive as (
    select y, lag(y) over (order by t) as y_naive, t from series
)

select
    cast(errors.months as integer) as months,
    ${cents('avg(abs(y - y_hat))')} as mae,
    round(avg(${percentError('y', 'y_hat')}), 2) as mape,
    ${cents('errors.sigma')} as rmse,
    round(avg(${percentError('m', 'm_hat')}), 2) as margin_mape,
    round(100.0 * avg(case when abs(y - y_hat) <= 1.2816 * errors.sigma then 1 else 0 end), 2) as coverage_80,
    (select round(avg(${percentError('y', 'y_naive')}), 2) from naive where t > $warmup) as naive_mape
from scored, errors
group by errors.months, errors.sigma`,
  columns: [
    column('period', 'Month', 'text'),
    column('net_revenue', 'Net revenue', 'money'),
    column('forecast', 'One-step forecast', 'money'),
    column('error', 'Error', 'money'),
    column('abs_percent_error', 'Absolute % error', 'percent'),
    column('is_inside_80', 'Inside 80 % interval', 'text'),
    column('margin', 'Gross margin', 'money'),
    column('margin_forecast', 'Margin forecast', 'money'),
  ],
});
