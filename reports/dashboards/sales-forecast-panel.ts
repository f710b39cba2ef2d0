// The sales forecast panel: actual net revenue of the last months, the forecast after the last invoiced month
// inside its 80 % and 95 % prediction intervals, and the backtest's error stated beside it, so nobody reads
// the forecast without knowing how wrong such forecasts have been.
import {
  HOLT_ALPHA_DEFAULT,
  HOLT_BETA_DEFAULT,
  HOLT_GAMMA_DEFAULT,
  SEASONAL_MONTHS_MIN,
  WARMUP_MONTHS_DEFAULT,
} from '../definitions/sales-forecast.ts';
import { display } from './html.ts';
import {
  type ChartSpecs,
  chartPanel,
  type Figure,
  figureList,
  type LinkedResult,
  reportTable,
} from './panels.ts';

export const FORECAST_METHOD =
  `Holt's linear exponential smoothing (α ${HOLT_ALPHA_DEFAULT}, β ${HOLT_BETA_DEFAULT}) over the monthly net ` +
  `revenue, with Holt-Winters' additive seasons (γ ${HOLT_GAMMA_DEFAULT}) from ${SEASONAL_MONTHS_MIN} months of ` +
  'history; the bands are the 80 % and 95 % prediction intervals from the one-step errors.';

const BACKTEST_FIGURES: readonly Figure[] = [
  { key: 'months', label: 'Months backtested', type: 'integer' },
  { key: 'mape', label: 'MAPE', type: 'percent' },
  { key: 'naive_mape', label: 'Naive MAPE', type: 'percent' },
  { key: 'rmse', label: 'RMSE', type: 'money' },
  { key: 'coverage_80', label: 'Inside 80 % band', type: 'percent' },
];

/** The forecast (with `history` actual months before it) and its backtest, as one panel. */
export function forecastPanel(forecast: LinkedResult, backtest: LinkedResult, charts: ChartSpecs): string {
  const last = forecast.rows.find((row) => row.months_ahead === 0)?.period;
  const error = backtest.totals ?? {};
  const stated =
    `Backtest: each of the last ${display('integer', error.months)} months forecast one step ahead from the ` +
    `months before it only: mean absolute percentage error ${display('percent', error.mape)} (the naive ` +
    `forecast "next month = this month": ${display('percent', error.naive_mape)}), RMSE ` +
    `${display('money', error.rmse)}; the actual month fell inside the 80 % band in ` +
    `${display('percent', error.coverage_80)} of them.`;
  const future = { ...forecast, rows: forecast.rows.filter((row) => row.is_forecast === true) };
  const table = reportTable(future, {
    hide: ['months_ahead', 'margin_low_80', 'margin_high_80', 'is_forecast'],
  });
  return chartPanel(
    {
      id: 'sales-forecast',
      title: last ? `Sales forecast after ${last}` : 'Sales forecast',
      result: forecast,
      before: figureList(backtest, BACKTEST_FIGURES),
      note: `${FORECAST_METHOD} From every invoiced month up to the last (${last ?? '–'}); the period filter does not move it. ${stated}`,
      after: table,
      empty: `A forecast needs more invoiced months than its ${WARMUP_MONTHS_DEFAULT} months of warm-up, to measure its error on the rest.`,
    },
    charts,
  );
}
