// The executive KPIs and the cash forecast over two hand-checked months: every figure from the GL balances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportLedger, type ReportLedger } from '../test-support.ts';

let ledger: ReportLedger;

const pair = (date: string, debit: string, credit: string, amount: string, department?: string) => ({
  date,
  lines: [
    { account: debit, debit: amount, ...(department ? { department } : {}) },
    { account: credit, credit: amount },
  ],
});

// January: capital 50,000; stock bought on credit 8,000; a 10,000 sale on credit costing 4,000; rent 1,000
// (ADM); interest 100. February: the January sale is paid; a 5,000 sale on credit costing 2,000.
const JOURNALS = [
  pair('2025-01-02', '1130', '3100', '50000.00'),
  pair('2025-01-05', '1310', '2110', '8000.00'),
  pair('2025-01-10', '1210', '4110', '10000.00'),
  pair('2025-01-10', '5110', '1310', '4000.00'),
  pair('2025-01-15', '6310', '1130', '1000.00', 'ADM'),
  pair('2025-01-31', '8510', '1130', '100.00'),
  pair('2025-02-05', '1130', '1210', '10000.00'),
  pair('2025-02-10', '1210', '4110', '5000.00'),
  pair('2025-02-10', '5110', '1310', '2000.00'),
];

beforeAll(async () => {
  ledger = await openReportLedger();
  await ledger.post(JOURNALS);
  await ledger.transform();
}, 60_000);

afterAll(async () => {
  await ledger?.dispose();
});

describe('executive KPIs', () => {
  it('derives every KPI of each month from the balances', async () => {
    const result = await ledger.run('executive-kpis', { period: '2025-02', months: 2 });
    expect(result.rows).toEqual([
      expect.objectContaining({
        period: '2025-01',
        revenue: '10000.00',
        cost_of_sales: '4000.00',
        gross_margin_pct: '60.00',
        // Interest is a finance cost, below EBIT.
        ebit: '5000.00',
        cash: '48900.00',
        receivables_days: '31.0',
        payables_days: '62.0',
        // 4,000 x 12 over the average of 0 and 4,000.
        inventory_turns: '24.00',
      }),
      expect.objectContaining({
        period: '2025-02',
        revenue: '5000.00',
        ebit: '3000.00',
        cash: '58900.00',
        receivables_days: '28.0',
        payables_days: '112.0',
        inventory_turns: '8.00',
      }),
    ]);
  });

  it('compares the month with the month before it in the totals', async () => {
    const { totals } = await ledger.run('executive-kpis', { period: '2025-02', months: 2 });
    expect(totals).toMatchObject({
      period: '2025-02',
      previous_period: '2025-01',
      revenue: '5000.00',
      revenue_previous: '10000.00',
      revenue_change: '-5000.00',
      gross_margin_pct_change: '0.00',
      cash_change: '10000.00',
    });
  });

  it('reads only the lines of a department when one is asked for', async () => {
    const result = await ledger.run('executive-kpis', { period: '2025-01', months: 2, department: 'ADM' });
    expect(result.rows.at(-1)).toMatchObject({ revenue: '0.00', ebit: '-1000.00', gross_margin_pct: null });
  });

  it('refuses a window longer than three years', async () => {
    await expect(ledger.run('executive-kpis', { period: '2025-02', months: 37 })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });
});

describe('cash forecast', () => {
  it('projects the least-squares line through the month-end balances', async () => {
    const result = await ledger.run('cash-forecast', { period: '2025-02', months: 2, horizon: 3 });
    expect(result.rows).toEqual([
      { period: '2025-01', cash: '48900.00', trend: '48900.00', is_forecast: false },
      { period: '2025-02', cash: '58900.00', trend: '58900.00', is_forecast: false },
      { period: '2025-03', cash: null, trend: '68900.00', is_forecast: true },
      { period: '2025-04', cash: null, trend: '78900.00', is_forecast: true },
      { period: '2025-05', cash: null, trend: '88900.00', is_forecast: true },
    ]);
    expect(result.totals).toMatchObject({
      cash: '58900.00',
      forecast: '88900.00',
      trend_per_month: '10000.00',
    });
  });
});

describe('operations reports', () => {
  it('counts journals and lines per posting day', async () => {
    const result = await ledger.run('postings-per-day', { from: '2025-01-01', to: '2025-01-31' });
    expect(result.rows.find((row) => row.posting_date === '2025-01-10')).toMatchObject({
      journals: 2,
      lines: 4,
    });
    expect(result.totals).toMatchObject({ days: 5, journals: 6, lines: 12 });
  });

  it('counts the process events of posted journals per month', async () => {
    const result = await ledger.run('process-activity', { from: '2025-01-01', to: '2025-02-28' });
    expect(result.totals).toMatchObject({ events: JOURNALS.length });
  });

  it('has no depreciation before the asset module posts any', async () => {
    const result = await ledger.run('depreciation-by-month', { from: '2025-01-01', to: '2025-02-28' });
    expect(result.rows).toEqual([]);
  });
});
