// The sales forecast: the SQL recursion agrees with Holt's and Holt-Winters' methods computed here
// independently, its intervals widen with the horizon, and its backtest on a seasonal history reports its
// error (printed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../tests/support/ledger.ts';
import {
  HOLT_ALPHA_DEFAULT,
  HOLT_BETA_DEFAULT,
  HOLT_GAMMA_DEFAULT,
  WARMUP_MONTHS_DEFAULT,
} from './definitions/sales-forecast.ts';
import { runReport } from './run.ts';

/** Two years of monthly revenue: a rising trend, a seasonal swing and a deterministic wobble. */
const MONTHS = 24;
const SEASON = [82, 88, 104, 108, 112, 106, 92, 84, 106, 114, 118, 86];
function history(): Array<{ revenue: number; margin: number }> {
  let wobble = 7;
  return Array.from({ length: MONTHS }, (_, index) => {
    wobble = (wobble * 37 + 11) % 101;
    const revenue = (100_000 + 1_500 * index) * ((SEASON[index % 12] ?? 100) / 100) + (wobble - 50) * 200;
    return { revenue: Math.round(revenue), margin: Math.round(revenue * 0.38) };
  });
}

interface Smoothing {
  alpha: number;
  beta: number;
  /** Null: Holt's method without seasons. */
  gamma: number | null;
}

/** Holt's linear method, with Holt-Winters' additive seasons when gamma is given: the textbook recursion. */
function smooth(series: number[], { alpha, beta, gamma }: Smoothing) {
  const seasonal = gamma !== null;
  const firstYear = series.slice(0, 12);
  const mean = firstYear.reduce((sum, y) => sum + y, 0) / 12;
  let level = seasonal ? mean : (series[0] ?? 0);
  let trend = 0;
  const seasons = seasonal ? firstYear.map((y) => y - mean) : Array<number>(12).fill(0);
  const start = seasonal ? 12 : 1;
  const oneStep: number[] = [];
  for (const y of series.slice(start)) {
    const season = seasons.shift() ?? 0;
    oneStep.push(level + trend + season);
    const next = alpha * (y - season) + (1 - alpha) * (level + trend);
    trend = beta * (next - level) + (1 - beta) * trend;
    seasons.push(seasonal ? gamma * (y - next) + (1 - gamma) * season : 0);
    level = next;
  }
  const ahead = (h: number) => level + h * trend + (seasons[h - 1] ?? 0);
  return { start, oneStep, ahead };
}

const HOLT: Smoothing = { alpha: HOLT_ALPHA_DEFAULT, beta: HOLT_BETA_DEFAULT, gamma: null };
const WINTERS: Smoothing = { ...HOLT, gamma: HOLT_GAMMA_DEFAULT };

let test: TestLedger;
const series = history();

beforeAll(async () => {
  test = await openTestLedger();
  const values = series
    .map(
      (month, index) =>
        `(${index + 1}, date '2024-01-01' + to_months(${index}), ${month.revenue}, ${month.margin})`,
    )
    .join(', ');
  // The mart the transform would build from invoice lines; made directly so the history can be chosen.
  await test.ledger.db.query('create schema if not exists marts');
  await test.ledger.db.query(
    `create or replace table marts.rpt_sales_monthly as
     select cast(t as bigint) as month_index, cast(m as date) as month_start, strftime(m, '%Y-%m') as period,
            cast(r as decimal(18, 2)) as net_revenue, cast(r - g as decimal(18, 2)) as cost_amount,
            cast(g as decimal(18, 2)) as margin_amount
     from (values ${values}) as v(t, m, r, g)`,
  );
});
afterAll(() => test.dispose());

const revenue = series.map((month) => month.revenue);

describe('sales forecast', () => {
  it.each([
    ['holt', HOLT],
    ['holt_winters', WINTERS],
  ] as const)(
    'forecasts what %s gives, computed independently, with intervals widening by horizon',
    async (method, smoothing) => {
      const result = await runReport(test.ledger.db, 'sales-forecast', { months: 3, method });
      const expected = smooth(revenue, smoothing);
      expect(result.rows.map((row) => row.period)).toEqual(['2026-01', '2026-02', '2026-03']);
      result.rows.forEach((row, index) => {
        expect(Number(row.net_revenue)).toBeCloseTo(expected.ahead(index + 1), 1);
        expect(Number(row.net_revenue_low_95)).toBeLessThan(Number(row.net_revenue_low_80));
        expect(Number(row.net_revenue_low_80)).toBeLessThan(Number(row.net_revenue));
        expect(Number(row.net_revenue_high_80)).toBeLessThan(Number(row.net_revenue_high_95));
      });
      const widths = result.rows.map(
        (row) => Number(row.net_revenue_high_80) - Number(row.net_revenue_low_80),
      );
      expect(widths[1]).toBeGreaterThan(widths[0] ?? 0);
      expect(widths[2]).toBeGreaterThan(widths[1] ?? 0);
    },
  );

  it('puts the last actual months before the forecast when asked for history, without intervals', async () => {
    const result = await runReport(test.ledger.db, 'sales-forecast', { months: 2, history: 3 });
    expect(result.rows.map((row) => [row.period, row.months_ahead, row.is_forecast])).toEqual([
      ['2025-10', -2, false],
      ['2025-11', -1, false],
      ['2025-12', 0, false],
      ['2026-01', 1, true],
      ['2026-02', 2, true],
    ]);
    const actuals = result.rows.slice(0, 3);
    expect(actuals.map((row) => row.net_revenue)).toEqual(revenue.slice(-3).map((value) => value.toFixed(2)));
    expect(actuals.map((row) => row.net_revenue_low_80)).toEqual([null, null, null]);
    const plain = await runReport(test.ledger.db, 'sales-forecast', { months: 2 });
    expect(plain.rows.map((row) => row.is_forecast)).toEqual([true, true]);
    expect(plain.rows.map((row) => row.net_revenue)).toEqual(
      result.rows.slice(3).map((row) => row.net_revenue),
    );
  });

  it('adds the seasons by itself once two years of history exist', async () => {
    const auto = await runReport(test.ledger.db, 'sales-forecast', { months: 2 });
    expect(Number(auto.rows[0]?.net_revenue)).toBeCloseTo(smooth(revenue, WINTERS).ahead(1), 1);
  });

  it.each([
    ['holt', HOLT],
    ['holt_winters', WINTERS],
  ] as const)(
    'backtests every one-step forecast of %s against what happened and prints the error',
    async (method, smoothing) => {
      const result = await runReport(test.ledger.db, 'sales-forecast-backtest', { method });
      const expected = smooth(revenue, smoothing);
      const first = expected.start - 1 + WARMUP_MONTHS_DEFAULT;
      const errors = revenue
        .slice(first)
        .map(
          (actual, index) =>
            (100 * Math.abs(actual - (expected.oneStep[index + first - expected.start] ?? 0))) / actual,
        );
      const mape = errors.reduce((sum, value) => sum + value, 0) / errors.length;
      expect(result.rows).toHaveLength(MONTHS - first);
      expect(result.totals?.months).toBe(MONTHS - first);
      expect(Number(result.totals?.mape)).toBeCloseTo(mape, 1);
      const coverage = Number(result.totals?.coverage_80);
      expect(coverage).toBeGreaterThan(0);
      expect(coverage).toBeLessThanOrEqual(100);
      console.log(
        `sales-forecast backtest, ${method} (alpha ${smoothing.alpha}, beta ${smoothing.beta}` +
          `${smoothing.gamma === null ? '' : `, gamma ${smoothing.gamma}`}) over ${result.totals?.months} months ` +
          `of a seasonal history: MAPE ${result.totals?.mape} %, MAE ${result.totals?.mae}, RMSE ` +
          `${result.totals?.rmse}, margin MAPE ${result.totals?.margin_mape} %, 80 % coverage ${coverage} %, ` +
          `naive MAPE over the same months ${result.totals?.naive_mape} %`,
      );
    },
  );
});
