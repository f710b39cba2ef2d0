// The year-end close over the API, and the statements after it: the closed year's income statement still
// shows its revenue and expenses, and the balance sheet counts its result once, in retained earnings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, openTestApi, type TestApi } from './testing.ts';

type Body = Record<string, unknown> & {
  lines?: Array<Record<string, unknown>>;
  totals?: Record<string, unknown>;
};
type Problem = { code: string; errors: Array<{ path: string; code: string; message: string }> };

let api: TestApi;

const journal = (date: string, debit: [string, string?], credit: [string, string?], amount: string) => ({
  date,
  lines: [
    { account: debit[0], debit: amount, ...(debit[1] ? { department: debit[1] } : {}) },
    { account: credit[0], credit: amount, ...(credit[1] ? { department: credit[1] } : {}) },
  ],
});

beforeAll(async () => {
  api = await openTestApi();
  const journals = [
    journal('2024-03-10', ['1130'], ['4110', 'SAL'], '1000.00'),
    journal('2024-06-30', ['6310', 'ADM'], ['1130'], '300.00'),
    journal('2025-02-01', ['1130'], ['4110', 'SAL'], '500.00'),
  ];
  for (const body of journals)
    expect((await api.call('POST', '/api/v1/journals', { body })).status).toBe(201);
});
afterAll(() => api.close());

async function statement(path: string): Promise<Body> {
  const response = await api.call('GET', `/api/v1/statements/${path}`);
  expect(response.status, path).toBe(200);
  return json<Body>(response);
}

const close = (year: string, headers: Record<string, string> = {}) =>
  api.call('POST', `/api/v1/fiscal-years/${year}/close`, { headers });

describe('POST /api/v1/fiscal-years/:year/close', () => {
  it('refuses while periods before the last are open, listing every one', async () => {
    const response = await close('2024');
    expect(response.status).toBe(422);
    const problem = await json<Problem>(response);
    expect(problem.code).toBe('fiscal_year_has_open_periods');
    expect(problem.errors).toHaveLength(11);
    expect(problem.errors[0]).toMatchObject({ path: 'periods', code: 'period_is_open' });
    expect(problem.errors[0]?.message).toContain('2024-01');
  });

  it('refuses a year that is not YYYY, and roles other than finance and admin', async () => {
    const bad = await close('24');
    expect(bad.status).toBe(422);
    expect((await json<Problem>(bad)).errors).toEqual([
      expect.objectContaining({ path: 'year', code: 'invalid_fiscal_year' }),
    ]);
    const sales = await api.tokenFor('sales');
    expect((await api.call('POST', '/api/v1/fiscal-years/2024/close', { token: sales })).status).toBe(403);
  });

  it('closes the year once its periods are closed, replays its key, and answers 409 afterwards', async () => {
    for (let month = 1; month <= 11; month++) {
      const period = `2024-${String(month).padStart(2, '0')}`;
      expect((await api.call('POST', `/api/v1/periods/${period}/close`)).status).toBe(200);
    }
    const response = await close('2024', { 'Idempotency-Key': 'close-2024' });
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    expect(body).toMatchObject({
      number: 'YEC-2024-000001',
      status: 'closed',
      date: '2024-12-31',
      net_income: '700.00',
      retained_earnings_account: '3300',
      journal: { line_count: 4 },
    });
    expect(response.headers.get('location')).toBe('/api/v1/journals/YEC-2024-000001');
    const replay = await close('2024', { 'Idempotency-Key': 'close-2024' });
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(await json(replay)).toEqual(body);
    const again = await close('2024');
    expect(again.status).toBe(409);
    expect((await json<Problem>(again)).code).toBe('fiscal_year_already_closed');
  });
});

describe('statements after a year-end close', () => {
  it("still shows the closed year's revenue and expenses, in total and per department", async () => {
    const year = await statement('income-statement?from=2024-01-01&to=2024-12-31&fresh=true');
    expect(year.totals).toEqual({ revenue: '1000.00', expenses: '300.00', net_income: '700.00' });
    const sales = await statement('income-statement?from=2024-01-01&to=2024-12-31&department=SAL');
    expect(sales.totals).toMatchObject({ revenue: '1000.00', net_income: '1000.00' });
    const monthly = await json<Body>(
      await api.call('GET', '/api/v1/reports/monthly-result?from=2024-12-01&to=2024-12-31'),
    );
    expect(monthly.rows).toEqual([]);
  });

  it('puts the closed result in retained earnings once, with no unclosed-result line for that year', async () => {
    const yearEnd = await statement('balance-sheet?as_of=2024-12-31');
    expect(yearEnd.totals).toEqual({
      assets: '700.00',
      liabilities: '0.00',
      equity: '700.00',
      liabilities_and_equity: '700.00',
    });
    const keys = (yearEnd.lines ?? []).map((line) => line.key);
    expect(keys).toContain('equity/equity/retained_earnings/3300');
    expect(keys.filter((key) => String(key).includes('result:'))).toEqual([]);
    const later = await statement('balance-sheet?as_of=2025-06-30');
    expect(later.totals).toMatchObject({ assets: '1200.00', equity: '1200.00' });
    const amounts = Object.fromEntries((later.lines ?? []).map((line) => [line.key, line.amount]));
    expect(amounts['equity/equity/retained_earnings/3300']).toBe('700.00');
    expect(amounts['equity/equity/retained_earnings/result:retained_earnings']).toBeUndefined();
    expect(amounts['equity/equity/current_year_result/result:current_year_result']).toBe('500.00');
    const sales = await statement('balance-sheet?as_of=2024-12-31&department=SAL');
    expect(sales.totals?.assets).toBe(sales.totals?.liabilities_and_equity);
  });

  it('keeps the closing entry in the trial balance and the ledger, and out of the cash flow', async () => {
    const trial = await statement('trial-balance?as_of=2024-12-31');
    const balances = Object.fromEntries(
      ((trial.rows ?? []) as Array<Record<string, unknown>>).map((row) => [row.account, row.balance]),
    );
    expect(balances).toMatchObject({ '1130': '700.00', '3300': '-700.00', '4110': '0.00', '6310': '0.00' });
    const ledger = await statement('general-ledger?account=3300&from=2024-01-01&to=2024-12-31');
    expect(ledger.totals).toMatchObject({ closing: '-700.00', line_count: 2 });
    const cash = await statement('cash-flow?from=2024-01-01&to=2024-12-31');
    expect(cash.totals).toMatchObject({ operating: '700.00', net_change: '700.00' });
    const profit = (cash.lines ?? []).find((line) => line.key === 'operating/net_income/profit');
    expect(profit?.amount).toBe('700.00');
  });
});
