// The sales forecast: the SQL recursion agrees with Holt's method computed here independently, its intervals
// widen with the horizon, and its backtest on a seasonal history reports its error (printed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../tests/support/ledger.ts';
import {
  HOLT_ALPHA_DEFAULT,
  HOLT_BETA_DEFAULT,
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

/** Holt's linear method, the same recursion as the report's SQL, in doubles. */
function holt(series: number[], alpha: number, beta: number) {
  let level = series[0] ?? 0;
  let trend = 0;
  const oneStep: number[] = [];
  for (const y of series.slice(1)) {
    oneStep.push(level + trend);
    const next = alpha * y + (1 - alpha) * (level + trend);
    trend = beta * (next - level) + (1 - beta) * trend;
    level = next;
  }
  return { level, trend, oneStep };
}

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

describe('sales forecast', () => {
  it("forecasts what Holt's method gives, computed independently, with intervals widening by horizon", async () => {
    const result = await runReport(test.ledger.db, 'sales-forecast', { months: 3 });
    const expected = holt(
      series.map((month) => month.revenue),
      HOLT_ALPHA_DEFAULT,
      HOLT_BETA_DEFAULT,
    );
    expect(result.rows.map((row) => row.period)).toEqual(['2026-01', '2026-02', '2026-03']);
    result.rows.forEach((row, index) => {
      const point = expected.level + (index + 1) * expected.trend;
      expect(Number(row.net_revenue)).toBeCloseTo(point, 1);
      expect(Number(row.net_revenue_low_95)).toBeLessThan(Number(row.net_revenue_low_80));
      expect(Number(row.net_revenue_low_80)).toBeLessThan(Number(row.net_revenue));
      expect(Number(row.net_revenue_high_80)).toBeLessThan(Number(row.net_revenue_high_95));
    });
    const widths = result.rows.map((row) => Number(row.net_revenue_high_80) - Number(row.net_revenue_low_80));
    expect(widths[1]).toBeGreaterThan(widths[0] ?? 0);
    expect(widths[2]).toBeGreaterThan(widths[1] ?? 0);
  });

  it('backtests every one-step forecast against what happened and prints the error', async () => {
    const result = await runReport(test.ledger.db, 'sales-forecast-backtest', {});
    const expected = holt(
      series.map((month) => month.revenue),
      HOLT_ALPHA_DEFAULT,
      HOLT_BETA_DEFAULT,
    );
    const scored = series.slice(WARMUP_MONTHS_DEFAULT).map((month, index) => {
      const forecast = expected.oneStep[index + WARMUP_MONTHS_DEFAULT - 1] ?? 0;
      return (100 * Math.abs(month.revenue - forecast)) / month.revenue;
    });
    const mape = scored.reduce((sum, value) => sum + value, 0) / scored.length;
    expect(result.rows).toHaveLength(MONTHS - WARMUP_MONTHS_DEFAULT);
    expect(result.totals?.months).toBe(MONTHS - WARMUP_MONTHS_DEFAULT);
    expect(Number(result.totals?.mape)).toBeCloseTo(mape, 1);
    const coverage = Number(result.totals?.coverage_80);
    expect(coverage).toBeGreaterThan(0);
    expect(coverage).toBeLessThanOrEqual(100);
    console.log(
      `sales-forecast backtest (Holt, alpha ${HOLT_ALPHA_DEFAULT}, beta ${HOLT_BETA_DEFAULT}) over ` +
        `${result.totals?.months} months of a seasonal history: MAPE ${result.totals?.mape} %, MAE ` +
        `${result.totals?.mae}, RMSE ${result.totals?.rmse}, margin MAPE ${result.totals?.margin_mape} %, ` +
        `80 % coverage ${coverage} %, naive MAPE ${result.totals?.naive_mape} %`,
    );
  });
});
