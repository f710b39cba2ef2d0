// The reports and statements areas: every statement parameter, good and bad, JSON and CSV, freshness, roles.
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARROW_MEDIA_TYPE } from '../reports/arrow.ts';
import { XLSX_MEDIA_TYPE } from '../reports/xlsx/workbook.ts';
import { LAST_FACT_SEQ_HEADER, REFRESHED_AT_HEADER } from './freshness.ts';
import { json, openTestApi, type TestApi } from './testing.ts';

type Body = Record<string, unknown> & {
  rows?: Array<Record<string, unknown>>;
  lines?: Array<Record<string, unknown>>;
  totals?: Record<string, unknown>;
};
type Problem = { code: string; errors: Array<{ path: string; code: string }> };

let api: TestApi;
let executive: string;

const line = (account: string, side: 'debit' | 'credit', amount: string, extra = {}) => ({
  account,
  [side]: amount,
  ...extra,
});

/** Shares, rent, a sale on credit with VAT and its receipt in Q1 2025, and a service sale in December 2024. */
const JOURNALS = [
  { date: '2024-12-15', lines: [line('1130', 'debit', '1000.00'), line('4130', 'credit', '1000.00')] },
  { date: '2025-01-01', lines: [line('1130', 'debit', '50000.00'), line('3100', 'credit', '50000.00')] },
  {
    date: '2025-01-15',
    lines: [line('6310', 'debit', '1500.50', { department: 'ADM' }), line('1130', 'credit', '1500.50')],
  },
  {
    date: '2025-02-10',
    lines: [
      line('1210', 'debit', '11900.00'),
      line('4110', 'credit', '10000.00', { department: 'SAL' }),
      line('2210', 'credit', '1900.00'),
    ],
  },
  { date: '2025-03-15', lines: [line('1130', 'debit', '11900.00'), line('1210', 'credit', '11900.00')] },
];

beforeAll(async () => {
  api = await openTestApi();
  for (const body of JOURNALS) {
    expect((await api.call('POST', '/api/v1/journals', { body: { memo: 'test', ...body } })).status).toBe(
      201,
    );
  }
  executive = await api.tokenFor('executive');
  // The first read builds the marts; the others read them as they are.
  expect((await api.call('GET', '/api/v1/statements/trial-balance?as_of=2025-03-31&fresh=true')).status).toBe(
    200,
  );
});
afterAll(() => api.close());

async function statement(path: string, token?: string): Promise<Body> {
  const response = await api.call('GET', `/api/v1/statements/${path}`, token ? { token } : {});
  expect(response.status, path).toBe(200);
  return json<Body>(response);
}

async function problem(path: string, status = 422): Promise<Problem> {
  const response = await api.call('GET', path);
  expect(response.status, path).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return json<Problem>(response);
}

describe('GET /api/v1/statements/:id', () => {
  it('answers the trial balance as of a date with rows {account, name, debit, credit, balance} and totals', async () => {
    const body = await statement('trial-balance?as_of=2025-03-31');
    expect(body.statement).toBe('trial-balance');
    expect(body.last_fact_seq).toMatch(/^\d+$/);
    expect(body.refreshed_at).toEqual(expect.any(String));
    const balances = Object.fromEntries((body.rows ?? []).map((row) => [row.account, row.balance]));
    expect(balances).toEqual({
      '1130': '61399.50',
      '1210': '0.00',
      '2210': '-1900.00',
      '3100': '-50000.00',
      '4110': '-10000.00',
      '4130': '-1000.00',
      '6310': '1500.50',
    });
    expect(body.rows?.[0]).toEqual(
      expect.objectContaining({ account: '1130', name: 'Bank - Operating Account', debit: '62900.00' }),
    );
    expect(body.totals).toMatchObject({ debit: '76300.50', credit: '76300.50' });
  });

  it('answers the trial balance for a range with opening, movement and closing, filtered by department', async () => {
    const body = await statement('trial-balance?from=2025-02-01&to=2025-03-31');
    const bank = body.rows?.find((row) => row.account === '1130');
    expect(bank).toMatchObject({
      opening: '49499.50',
      debit: '11900.00',
      credit: '0.00',
      closing: '61399.50',
    });
    const sales = await statement('trial-balance?as_of=2025-03-31&department=SAL');
    expect(sales.rows?.map((row) => row.account)).toEqual(['4110']);
  });

  it('answers the balance sheet with assets = liabilities + equity, equity holding the open result', async () => {
    const body = await statement('balance-sheet?as_of=2025-03-31');
    expect(body.totals).toEqual({
      assets: '61399.50',
      liabilities: '1900.00',
      equity: '59499.50',
      liabilities_and_equity: '61399.50',
    });
    expect(body.lines?.[0]).toMatchObject({ level: 1, kind: 'side', key: 'assets', label: 'Assets' });
    const filtered = await statement('balance-sheet?as_of=2025-03-31&department=ADM');
    expect(filtered.totals?.assets).toBe(filtered.totals?.liabilities_and_equity);
  });

  it('answers the income statement with revenue, expenses, net income, comparisons and month columns', async () => {
    const body = await statement('income-statement?from=2025-01-01&to=2025-03-31');
    expect(body.totals).toEqual({ revenue: '10000.00', expenses: '1500.50', net_income: '8499.50' });
    const previousPeriod = await statement(
      'income-statement?from=2025-01-01&to=2025-03-31&compare=previous-period',
    );
    expect(previousPeriod.params).toMatchObject({
      comparison_from: '2024-10-01',
      comparison_to: '2024-12-31',
    });
    expect(previousPeriod.totals?.comparison).toEqual({
      revenue: '1000.00',
      expenses: '0.00',
      net_income: '1000.00',
    });
    const previousYear = await statement(
      'income-statement?from=2025-01-01&to=2025-03-31&compare=previous-year',
    );
    expect(previousYear.totals?.comparison).toMatchObject({ net_income: '0.00' });
    const monthly = await statement('income-statement?from=2025-01-01&to=2025-03-31&columns=month');
    const rent = monthly.lines?.find((row) => row.account === '6310');
    expect(rent?.periods).toEqual({ '2025-01': '1500.50', '2025-02': '0.00', '2025-03': '0.00' });
    const quarterly = await statement('income-statement?from=2025-01-01&to=2025-03-31&columns=quarter');
    expect(Object.keys(quarterly.lines?.[0]?.periods as object)).toEqual(['FY2025-Q1']);
  });

  it('answers the cash flow with the same totals by both methods, and opening and closing cash', async () => {
    const indirect = await statement('cash-flow?from=2025-01-01&to=2025-03-31');
    const direct = await statement('cash-flow?from=2025-01-01&to=2025-03-31&method=direct');
    const expected = {
      operating: '10399.50',
      investing: '0.00',
      financing: '50000.00',
      net_change: '60399.50',
    };
    expect(indirect.totals).toMatchObject(expected);
    expect(direct.totals).toMatchObject(expected);
    expect(indirect).toMatchObject({ opening_cash: '1000.00', closing_cash: '61399.50' });
    expect(direct.params).toMatchObject({ method: 'direct' });
  });

  it('answers the general ledger of an account with paging and a running balance', async () => {
    const body = await statement('general-ledger?account=1130&from=2025-01-01&to=2025-03-31&limit=2');
    expect(body.rows?.map((row) => row.running_balance)).toEqual(['51000.00', '49499.50']);
    expect(body.totals).toMatchObject({ opening: '1000.00', closing: '61399.50', line_count: 3 });
    expect(body.page).toEqual({ limit: 2, offset: 0, total_rows: 3, next_offset: 2 });
    const group = await statement('general-ledger?account=1100&from=2025-01-01&to=2025-03-31&offset=2');
    expect(group.rows).toHaveLength(1);
  });

  it('renders CSV with a header row of labels and exact decimals, and the freshness headers', async () => {
    const response = await api.call('GET', '/api/v1/statements/trial-balance?as_of=2025-03-31&format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get(LAST_FACT_SEQ_HEADER)).toMatch(/^\d+$/);
    expect(response.headers.get(REFRESHED_AT_HEADER)).toEqual(expect.any(String));
    const records = (await response.text()).trimEnd().split('\r\n');
    expect(records[0]).toBe('Account,Name,Opening,Debit,Credit,Balance,Closing,Closing debit,Closing credit');
    expect(records).toContain('6310,Rent,0.00,1500.50,0.00,1500.50,1500.50,1500.50,0.00');
    expect(records).toContain('2210,Output VAT Payable,0.00,0.00,1900.00,-1900.00,-1900.00,0.00,1900.00');
    const income = await api.call(
      'GET',
      '/api/v1/statements/income-statement?from=2025-01-01&to=2025-03-31&format=csv',
    );
    expect((await income.text()).split('\r\n')[0]).toBe('Key,Line,Account,Amount');
  });

  it('refreshes the marts first with fresh=true, so a posting just made is in the answer', async () => {
    const before = await statement('trial-balance?as_of=2025-06-30');
    const posted = await api.call('POST', '/api/v1/journals', {
      body: { date: '2025-06-01', lines: [line('6310', 'debit', '10.00'), line('1130', 'credit', '10.00')] },
    });
    expect(posted.status).toBe(201);
    const stale = await statement('trial-balance?as_of=2025-06-30');
    expect(stale.last_fact_seq).toBe(before.last_fact_seq);
    const fresh = await statement('trial-balance?as_of=2025-06-30&fresh=true');
    expect(BigInt(String(fresh.last_fact_seq))).toBeGreaterThan(BigInt(String(before.last_fact_seq)));
    expect(fresh.rows?.find((row) => row.account === '6310')?.balance).toBe('1510.50');
  });
});

describe('refusals', () => {
  it.each([
    ['trial-balance?as_of=2025-02-30', 'as_of', 'invalid_date'],
    ['trial-balance?as_of=31.03.2025', 'as_of', 'invalid_date'],
    ['trial-balance?from=2025-03-01&to=2025-01-31', 'from', 'from_after_to'],
    ['trial-balance?from=2025-01-01', 'to', 'required'],
    ['trial-balance', 'as_of', 'required'],
    ['trial-balance?as_of=2025-03-31&from=2025-01-01', 'from', 'as_of_with_range'],
    ['balance-sheet?as_of=2025-13-01', 'as_of', 'invalid_date'],
    ['balance-sheet', 'as_of', 'invalid_type'],
    ['balance-sheet?as_of=2025-03-31&compare=previous-year', 'compare', 'unrecognized_keys'],
    ['income-statement?from=2025-04-01&to=2025-03-31', 'from', 'from_after_to'],
    ['income-statement?from=2025-01-01&to=2025-03-31&compare=yesterday', 'compare', 'invalid_value'],
    ['income-statement?from=2020-01-01&to=2025-12-31&columns=month', 'columns', 'too_many_columns'],
    ['cash-flow?from=2025-01-01&to=2025-03-31&method=sideways', 'method', 'invalid_value'],
    ['cash-flow?from=2025-01-01&to=2025-3-31', 'to', 'invalid_date'],
    ['general-ledger?account=1130&from=2025-01-01&to=2025-03-31&limit=100000', 'limit', 'too_big'],
    ['general-ledger?from=2025-01-01&to=2025-03-31', 'account', 'invalid_type'],
    ['general-ledger?account=9999&from=2025-01-01&to=2025-03-31', 'account', 'account_not_found'],
    ['trial-balance?as_of=2025-03-31&fresh=perhaps', 'fresh', 'invalid_value'],
    ['trial-balance?as_of=2025-03-31&format=pdf', 'format', 'invalid_value'],
  ])('refuses %s with 422 naming %s (%s)', async (query, path, code) => {
    const body = await problem(`/api/v1/statements/${query}`);
    expect(body.errors).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('answers a workbook for format=xlsx, on statements and reports alike', async () => {
    for (const path of [
      '/api/v1/statements/balance-sheet?as_of=2025-03-31&format=xlsx',
      '/api/v1/reports/monthly-result?from=2025-01-01&to=2025-03-31&format=xlsx',
    ]) {
      const response = await api.call('GET', path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(XLSX_MEDIA_TYPE);
      expect(response.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.xlsx"/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      expect(workbook.worksheets[0]?.name).toBe('Cover');
    }
  });

  it('streams the whole general ledger of the range as a workbook, whatever the page size', async () => {
    const query = 'account=1130&from=2025-01-01&to=2025-03-31';
    const json = (await (
      await api.call('GET', `/api/v1/reports/general-ledger?${query}&limit=1`)
    ).json()) as {
      page: { total_rows: number };
    };
    const response = await api.call('GET', `/api/v1/reports/general-ledger?${query}&limit=1&format=xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX_MEDIA_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('General ledger')!;
    // Header, every line of the range, totals.
    expect(sheet.rowCount).toBe(1 + json.page.total_rows + 1);
    expect(
      (await problem(`/api/v1/reports/general-ledger?account=9999&from=2025-01-01&to=2025-03-31&format=xlsx`))
        .code,
    ).toBe('account_not_found');
  });

  it('answers an Arrow IPC stream for format=arrow on reports', async () => {
    const response = await api.call(
      'GET',
      '/api/v1/reports/monthly-result?from=2025-01-01&to=2025-03-31&format=arrow',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(ARROW_MEDIA_TYPE);
    const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    expect(table.schema.fields.map((field) => field.name)).toEqual([
      'period',
      'revenue',
      'expenses',
      'net_income',
    ]);
    // The statements keep to json, csv and xlsx: arrow is a format of the report catalogue.
    const refused = await problem('/api/v1/statements/balance-sheet?as_of=2025-03-31&format=arrow');
    expect(refused.errors).toContainEqual(expect.objectContaining({ path: 'format', code: 'invalid_value' }));
  });

  it('answers 404 for an unknown statement or report, and for a report that is not a statement', async () => {
    expect((await problem('/api/v1/statements/profit?as_of=2025-03-31', 404)).code).toBe(
      'statement_not_found',
    );
    expect((await problem('/api/v1/statements/monthly-result?from=2025-01-01&to=2025-01-31', 404)).code).toBe(
      'statement_not_found',
    );
    expect((await problem('/api/v1/reports/nonsense', 404)).code).toBe('report_not_found');
  });

  it('answers 401 without credentials', async () => {
    const response = await api.call('GET', '/api/v1/statements/trial-balance?as_of=2025-03-31', {
      token: null,
    });
    expect(response.status).toBe(401);
  });
});

describe('GET /api/v1/reports', () => {
  it('lists every report with its parameters as JSON Schema and its columns', async () => {
    const response = await api.call('GET', '/api/v1/reports', { token: executive });
    expect(response.status).toBe(200);
    const { rows } = await json<{ rows: Array<Record<string, unknown>> }>(response);
    // The catalogue's exact list is pinned in reports/run.test.ts; here: the statements come first.
    expect(rows.map((row) => row.id).slice(0, 7)).toEqual([
      'trial-balance',
      'general-ledger',
      'balance-sheet',
      'income-statement',
      'cash-flow',
      'monthly-result',
      'asset-register',
    ]);
    const income = rows.find((row) => row.id === 'income-statement') as { params: { properties: object } };
    expect(Object.keys(income.params.properties)).toEqual(expect.arrayContaining(['from', 'to', 'compare']));
  });

  it('runs a report by id as JSON and CSV, with the freshness fields', async () => {
    const response = await api.call('GET', '/api/v1/reports/monthly-result?from=2025-01-01&to=2025-03-31');
    const body = await json<Body>(response);
    expect(body).toMatchObject({ report: { id: 'monthly-result', kind: 'report' } });
    expect(body.last_fact_seq).toMatch(/^\d+$/);
    expect(body.rows).toEqual([
      { period: '2025-01', revenue: '0.00', expenses: '1500.50', net_income: '-1500.50' },
      { period: '2025-02', revenue: '10000.00', expenses: '0.00', net_income: '10000.00' },
    ]);
    const csv = await api.call(
      'GET',
      '/api/v1/reports/monthly-result?from=2025-01-01&to=2025-03-31&format=csv',
    );
    expect(await csv.text()).toBe(
      'Month,Revenue,Expenses,Profit\r\n2025-01,0.00,1500.50,-1500.50\r\n2025-02,10000.00,0.00,10000.00\r\n',
    );
  });
});

describe('roles', () => {
  it('lets an executive read every statement', async () => {
    for (const path of [
      'trial-balance?as_of=2025-03-31',
      'balance-sheet?as_of=2025-03-31',
      'income-statement?from=2025-01-01&to=2025-03-31',
      'cash-flow?from=2025-01-01&to=2025-03-31',
      'general-ledger?account=1130&from=2025-01-01&to=2025-03-31',
    ]) {
      await statement(path, executive);
    }
  });

  it('forbids an executive to post assets, run depreciation or close a year', async () => {
    const calls: Array<[string, unknown]> = [
      ['/api/v1/assets', { name: 'Laptop', category: 'it_equipment', cost: '1200.00' }],
      ['/api/v1/depreciation-runs', { period: '2025-01' }],
      ['/api/v1/fiscal-years/2024/close', {}],
    ];
    for (const [path, body] of calls) {
      const response = await api.call('POST', path, { token: executive, body });
      expect(response.status, path).toBe(403);
      expect((await json<Problem>(response)).code).toBe('role_not_allowed');
    }
  });
});
