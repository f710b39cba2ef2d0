// Sales and margin forecast: Holt's linear exponential smoothing (level and trend), with Holt-Winters' additive
// seasons once two years of history exist, over the monthly series of net revenue and gross margin, computed
// in SQL by a recursive query, with prediction intervals from the one-step errors; and its backtest, which
// compares every one-step forecast with what happened.
// Forecasts are estimates, not bookings: they are computed in DOUBLE and rounded to cents only for display.
import { z } from 'zod';
import { column, defineReport } from '../definition.ts';

/** Months a forecast looks ahead at most, and by default. */
export const FORECAST_MONTHS_MAX = 12;
export const FORECAST_MONTHS_DEFAULT = 3;
/** Actual months a forecast may show before it, for context (a chart's history), at most. */
export const HISTORY_MONTHS_MAX = 36;
/** Smoothing defaults: the level follows half of each surprise, the trend a tenth of each level change. */
export const HOLT_ALPHA_DEFAULT = 0.5;
export const HOLT_BETA_DEFAULT = 0.1;
/** One-step forecasts left out of the error while level and trend settle from their start values. */
export const WARMUP_MONTHS_DEFAULT = 3;

/** Months of history from which `auto` adds the seasonal term: one year to start it, one to test it. */
export const SEASONAL_MONTHS_MIN = 24;
/** Months in a season. */
export const SEASON_MONTHS = 12;
export const HOLT_GAMMA_DEFAULT = 0.2;
export const FORECAST_METHODS = ['auto', 'holt', 'holt_winters'] as const;

const Smoothing = {
  method: z.enum(FORECAST_METHODS).default('auto'),
  alpha: z.coerce.number().min(0.05).max(0.95).default(HOLT_ALPHA_DEFAULT),
  beta: z.coerce.number().min(0).max(0.95).default(HOLT_BETA_DEFAULT),
  gamma: z.coerce.number().min(0).max(0.95).default(HOLT_GAMMA_DEFAULT),
  warmup: z.coerce.number().int().min(1).max(24).default(WARMUP_MONTHS_DEFAULT),
};

/** One smoothing step of series `y` (revenue) or `m` (margin), from state `h` and month `s`. */
const step = (y: string, prefix: string) => {
  const level = `h.${prefix}level`;
  const trend = `h.${prefix}trend`;
  const oldest = `h.${prefix}season[1]`;
  const next = `($alpha * (s.${y} - ${oldest}) + (1 - $alpha) * (${level} + ${trend}))`;
  return `${next},
        $beta * (${next} - ${level}) + (1 - $beta) * ${trend},
        list_append(${`h.${prefix}season`}[2:], h.gamma * (s.${y} - ${next}) + (1 - h.gamma) * ${oldest})`;
};
/** The one-step forecast the state `h` makes for the month after it. */
const oneStep = (prefix: string) => `h.${prefix}level + h.${prefix}trend + h.${prefix}season[1]`;

/**
 * Holt's linear method, optionally with Holt-Winters' additive seasons, in component form: level
 * ℓ_t = α(y_t − s_{t−12}) + (1−α)(ℓ_{t−1} + b_{t−1}), trend b_t = β(ℓ_t − ℓ_{t−1}) + (1−β)b_{t−1}, season
 * s_t = γ(y_t − ℓ_t) + (1−γ)s_{t−12}; the state carries the last twelve seasons as a list. Holt starts at
 * month 1 with ℓ = y_1, b = 0 and every season 0 (and γ = 0, so they stay 0); Holt-Winters starts after the
 * first year with ℓ = its mean, b = 0 and the seasons its months' deviations from that mean. `auto` adds the
 * seasons from SEASONAL_MONTHS_MIN months on. The one-step forecast of month t, ℓ_{t−1} + b_{t−1} + s_{t−12},
 * uses only the months before t, so its error is an honest out-of-sample error.
 */
const HOLT_SQL = `
with recursive

series as (
    select month_index as t, month_start, cast(net_revenue as double) as y, cast(margin_amount as double) as m
    from marts.rpt_sales_monthly
),

choice as (
    select
        case when $method = 'auto' then count(*) >= ${SEASONAL_MONTHS_MIN} else $method = 'holt_winters' end
            as is_seasonal
    from series
),

first_year as (
    select avg(y) as level, avg(m) as m_level
    from series
    where t <= ${SEASON_MONTHS}
    having count(*) = ${SEASON_MONTHS}
),

start as (
    select t, month_start, y, m, y as level, cast(0 as double) as trend, list_value(${Array(SEASON_MONTHS).fill('cast(0 as double)').join(', ')}) as season,
        m as m_level, cast(0 as double) as m_trend, list_value(${Array(SEASON_MONTHS).fill('cast(0 as double)').join(', ')}) as m_season,
        cast(0 as double) as gamma, 1 as start_t
    from series, choice
    where t = 1 and not choice.is_seasonal
    union all
    select
        ${SEASON_MONTHS}, (select month_start from series where t = ${SEASON_MONTHS}),
        (select y from series where t = ${SEASON_MONTHS}), (select m from series where t = ${SEASON_MONTHS}),
        first_year.level, cast(0 as double),
        (select list(y - first_year.level order by t) from series where t <= ${SEASON_MONTHS}),
        first_year.m_level, cast(0 as double),
        (select list(m - first_year.m_level order by t) from series where t <= ${SEASON_MONTHS}),
        $gamma, ${SEASON_MONTHS}
    from first_year, choice
    where choice.is_seasonal
),

holt as (
    select *, cast(null as double) as y_hat, cast(null as double) as m_hat from start
    union all
    select
        s.t, s.month_start, s.y, s.m,
        ${step('y', '')},
        ${step('m', 'm_')},
        h.gamma, h.start_t,
        ${oneStep('')},
        ${oneStep('m_')}
    from holt as h
    inner join series as s
        on s.t = h.t + 1
),

scored as (
    select * from holt where t >= start_t + $warmup
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
  sql
    .replaceAll('$alpha', 'cast($alpha as double)')
    .replaceAll('$beta', 'cast($beta as double)')
    .replaceAll('$gamma', 'cast($gamma as double)');
const HOLT = asDouble(HOLT_SQL);

/**
 * The h-step variance of Holt's method as the additive-error model ETS(A,A,N) gives it (Hyndman &
 * Athanasopoulos, Forecasting: Principles and Practice, table of prediction variances):
 * σ²·[1 + (h−1)(α² + αβ*h + β*²h(2h−1)/6)] with β* = α·β. With seasons, ETS(A,A,A) adds a term in
 * γ only from h = 13 on; the horizon stops at 12, so the same variance holds.
 */
const SPREAD = asDouble(`sqrt(1 + (h - 1) * (power($alpha, 2) + $alpha * ($alpha * $beta) * h
    + power($alpha * $beta, 2) * h * (2 * h - 1) / 6.0))`);

/** The forecast h months after the last: level, h times the trend, and the season of that month (list
 * position h holds the season of month n + h − 12; the horizon is at most twelve months). */
const REVENUE = 'level + h * trend + season[h]';
const MARGIN = 'm_level + h * m_trend + m_season[h]';

const cents = (expression: string) => `cast(round(${expression}, 2) as decimal(18, 2))`;
const NO_CENTS = 'cast(null as decimal(18, 2))';

/** The history solid, the forecast dashed from the last actual month on, inside its 95 % and 80 % bands. */
const FORECAST_CHART = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  description:
    'Net revenue by month: actual (solid), forecast (dashed) with its 80 % and 95 % prediction intervals',
  encoding: { x: { field: 'period', type: 'ordinal', title: 'Month' } },
  layer: [
    {
      mark: { type: 'area', color: '#e45756', opacity: 0.15 },
      encoding: {
        y: { field: 'net_revenue_low_95', type: 'quantitative', title: 'Net revenue' },
        y2: { field: 'net_revenue_high_95' },
      },
    },
    {
      mark: { type: 'area', color: '#e45756', opacity: 0.25 },
      encoding: {
        y: { field: 'net_revenue_low_80', type: 'quantitative' },
        y2: { field: 'net_revenue_high_80' },
      },
    },
    {
      transform: [{ filter: 'datum.months_ahead <= 0' }],
      mark: { type: 'line', point: true, color: '#4c78a8' },
      encoding: { y: { field: 'net_revenue', type: 'quantitative' } },
    },
    {
      transform: [{ filter: 'datum.months_ahead >= 0' }],
      mark: { type: 'line', point: true, strokeDash: [6, 4], color: '#e45756' },
      encoding: { y: { field: 'net_revenue', type: 'quantitative' } },
    },
  ],
};

export const salesForecast = defineReport({
  id: 'sales-forecast',
  title: 'Sales and margin forecast',
  description:
    "Net revenue and gross margin for the next `months` (3) after the last invoiced month, by Holt's linear " +
    'exponential smoothing over the monthly series (alpha 0.5, beta 0.1), with additive Holt-Winters seasons ' +
    '(gamma 0.2) when `method` is holt_winters, or auto with 24 months of history; 80 % and 95 % prediction ' +
    'intervals from the one-step errors after `warmup` months. With `history`, the last `history` actual ' +
    'months come first (months_ahead 0 and below, is_forecast false, no interval), for a chart; nothing ' +
    'when there is no forecast. See sales-forecast-backtest.',
  kind: 'report',
  params: z.strictObject({
    months: z.coerce.number().int().min(1).max(FORECAST_MONTHS_MAX).default(FORECAST_MONTHS_DEFAULT),
    history: z.coerce.number().int().min(0).max(HISTORY_MONTHS_MAX).default(0),
    ...Smoothing,
  }),
  sql: `${HOLT},

last_month as (
    select * from holt order by t desc limit 1
),

horizon as (
    select cast(h as integer) as h from range(1, $months + 1) as months(h)
),

forecast as (
    select
        strftime(last_month.month_start + to_months(h), '%Y-%m') as period,
        h as months_ahead,
        ${cents(REVENUE)} as net_revenue,
        ${cents(`greatest(${REVENUE} - 1.2816 * sigma * ${SPREAD}, 0)`)} as net_revenue_low_80,
        ${cents(`${REVENUE} + 1.2816 * sigma * ${SPREAD}`)} as net_revenue_high_80,
        ${cents(`greatest(${REVENUE} - 1.96 * sigma * ${SPREAD}, 0)`)} as net_revenue_low_95,
        ${cents(`${REVENUE} + 1.96 * sigma * ${SPREAD}`)} as net_revenue_high_95,
        ${cents(MARGIN)} as margin,
        ${cents(`${MARGIN} - 1.2816 * m_sigma * ${SPREAD}`)} as margin_low_80,
        ${cents(`${MARGIN} + 1.2816 * m_sigma * ${SPREAD}`)} as margin_high_80,
        true as is_forecast
    from last_month, horizon, errors
    where errors.months > 0
),

-- The last \`history\` actual months, numbered 0 (the last) and back; shown only beside a forecast.
actuals as (
    select
        strftime(series.month_start, '%Y-%m') as period,
        cast(series.t - last_month.t as integer) as months_ahead,
        ${cents('series.y')} as net_revenue,
        ${NO_CENTS} as net_revenue_low_80,
        ${NO_CENTS} as net_revenue_high_80,
        ${NO_CENTS} as net_revenue_low_95,
        ${NO_CENTS} as net_revenue_high_95,
        ${cents('series.m')} as margin,
        ${NO_CENTS} as margin_low_80,
        ${NO_CENTS} as margin_high_80,
        false as is_forecast
    from series, last_month, errors
    where errors.months > 0 and series.t > last_month.t - $history
)

select * from actuals
union all
select * from forecast
order by months_ahead`,
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
    column('is_forecast', 'Forecast', 'text'),
  ],
  chart: FORECAST_CHART,
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
    (select round(avg(${percentError('y', 'y_naive')}), 2) from naive where t in (select t from scored)) as naive_mape
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
