// The report engine at its edges: the catalogue, parameter errors named by field and rule, binding, and
// marts that are not built yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerError } from '../ingest/index.ts';
import { listReports, REPORT_IDS } from './catalogue.ts';
import { renderCsv } from './csv.ts';
import { bindNamed, runReport } from './run.ts';
import { statementJson } from './statement-json.ts';
import { openReportLedger, type ReportLedger } from './test-support.ts';

let ledger: ReportLedger;

beforeAll(async () => {
  ledger = await openReportLedger();
  await ledger.post([
    {
      date: '2025-03-10',
      lines: [
        { account: '1130', debit: '250.00' },
        { account: '4130', credit: '250.00' },
      ],
    },
  ]);
  await ledger.transform();
}, 60_000);

afterAll(async () => {
  await ledger?.dispose();
});

/** The LedgerError a report run throws, so a test can look at its kind, code and field errors. */
async function failure(id: string, params: Record<string, unknown>): Promise<LedgerError> {
  try {
    await ledger.run(id, params);
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error(`${id} accepted ${JSON.stringify(params)}`);
}

async function expectField(id: string, params: Record<string, unknown>, path: string, code: string) {
  const error = await failure(id, params);
  expect(error.kind).toBe('invalid');
  expect(error.errors).toContainEqual(expect.objectContaining({ path, code }));
}

describe('catalogue', () => {
  it('lists every statement with its parameters as JSON Schema and its columns', () => {
    const entries = listReports();
    expect(entries.map((entry) => entry.id)).toEqual(REPORT_IDS);
    expect(REPORT_IDS).toEqual([
      'trial-balance',
      'general-ledger',
      'balance-sheet',
      'income-statement',
      'cash-flow',
      'monthly-result',
      'asset-register',
      'executive-kpis',
      'cash-forecast',
      'postings-per-day',
      'process-activity',
      'depreciation-by-month',
      'posting-periods',
      'stock-balance',
      'stock-by-warehouse',
      'stock-value-by-month',
      'stock-ledger',
      'ap-aging',
      'open-purchase-orders',
      'supplier-delivery',
      'stock-valuation-reconciliation',
      'expiring-stock',
      'slow-moving-stock',
      'inventory-turns',
      'supplier-ledger',
      'purchase-analysis',
      'open-sales-orders',
      'on-time-delivery',
      'ar-aging',
      'customer-ledger',
      'dso',
      'sales-analysis',
      'gross-margin',
      'invoice-margin',
      'sales-forecast',
      'sales-forecast-backtest',
    ]);
    const ledgerEntry = entries.find((entry) => entry.id === 'general-ledger');
    expect(ledgerEntry?.params).toMatchObject({
      type: 'object',
      properties: { account: { type: 'string' }, limit: { maximum: 500 } },
    });
    expect(ledgerEntry?.columns.find((column) => column.name === 'debit')?.type).toBe('money');
  });

  it('refuses an unknown report as not found', async () => {
    await expect(ledger.run('profit-forecast', {})).rejects.toMatchObject({
      kind: 'not_found',
      code: 'report_not_found',
    });
  });
});

describe('parameters', () => {
  it('refuses an unknown account, naming the account field', async () => {
    await expectField(
      'general-ledger',
      { account: '9999', from: '2025-01-01', to: '2025-12-31' },
      'account',
      'account_not_found',
    );
  });

  it.each(['trial-balance', 'general-ledger', 'income-statement', 'cash-flow'])(
    'refuses %s with from after to, naming from',
    async (id) => {
      await expectField(
        id,
        { account: '1130', from: '2025-02-01', to: '2025-01-31' },
        'from',
        'from_after_to',
      );
    },
  );

  it.each([
    ['balance-sheet', { as_of: '2025-02-30' }, 'as_of'],
    ['trial-balance', { as_of: '31/01/2025' }, 'as_of'],
    ['income-statement', { from: 'yesterday', to: '2025-01-31' }, 'from'],
    ['cash-flow', { from: '2025-01-01', to: '2025-13-01' }, 'to'],
    ['general-ledger', { account: '1130', from: '2025-01-01', to: '2025-1-31' }, 'to'],
  ])('refuses %s with a malformed date in %o', async (id, params, path) => {
    await expectField(id, params, path, 'invalid_date');
  });

  it('asks the trial balance for as_of or a complete range, not both', async () => {
    await expectField('trial-balance', {}, 'as_of', 'required');
    await expectField('trial-balance', { from: '2025-01-01' }, 'to', 'required');
    await expectField(
      'trial-balance',
      { as_of: '2025-01-31', from: '2025-01-01' },
      'from',
      'as_of_with_range',
    );
  });

  it('requires the parameters a statement cannot do without', async () => {
    await expectField('balance-sheet', {}, 'as_of', 'invalid_type');
    await expectField('general-ledger', { from: '2025-01-01', to: '2025-01-31' }, 'account', 'invalid_type');
  });

  it('bounds a general-ledger page and refuses words for numbers', async () => {
    const range = { account: '1130', from: '2025-01-01', to: '2025-12-31' };
    await expectField('general-ledger', { ...range, limit: '501' }, 'limit', 'too_big');
    await expectField('general-ledger', { ...range, limit: 'all' }, 'limit', 'invalid_type');
    await expectField('general-ledger', { ...range, offset: '-1' }, 'offset', 'too_small');
  });

  it('bounds an asset-register page and requires its date', async () => {
    await expectField('asset-register', {}, 'as_of', 'invalid_type');
    await expectField('asset-register', { as_of: '2025-02-30' }, 'as_of', 'invalid_date');
    await expectField('asset-register', { as_of: '2025-12-31', limit: '5001' }, 'limit', 'too_big');
    await expectField('asset-register', { as_of: '2025-12-31', offset: '-1' }, 'offset', 'too_small');
    await expectField(
      'asset-register',
      { as_of: '2025-12-31', colour: 'red' },
      'colour',
      'unrecognized_keys',
    );
  });

  it('refuses unknown options and unknown parameters, naming each', async () => {
    const range = { from: '2025-01-01', to: '2025-12-31' };
    await expectField('cash-flow', { ...range, method: 'magic' }, 'method', 'invalid_value');
    await expectField('income-statement', { ...range, compare: 'last-decade' }, 'compare', 'invalid_value');
    await expectField('income-statement', { ...range, currency: 'USD' }, 'currency', 'unrecognized_keys');
  });

  it('caps the number of period columns', async () => {
    const params = { from: '2015-01-01', to: '2025-12-31', columns: 'month' };
    await expectField('income-statement', params, 'columns', 'too_many_columns');
  });

  it('reports every bad field at once', async () => {
    const error = await failure('cash-flow', { from: 'soon', to: 'later', method: 'x' });
    expect(error.errors.map((item) => item.path).sort()).toEqual(['from', 'method', 'to']);
  });

  it('ignores the format the API negotiates and echoes the parsed parameters', async () => {
    const result = await ledger.run('trial-balance', { as_of: '2025-03-31', format: 'csv' });
    expect(result.params).toMatchObject({ as_of: '2025-03-31', from: null, to: '2025-03-31' });
    expect(result.params).not.toHaveProperty('format');
    expect(result.totals).toMatchObject({ debit: '250.00', credit: '250.00' });
  });
});

describe('plain reports', () => {
  it('runs a report straight from its SQL, with totals and a chart for the dashboards', async () => {
    const result = await ledger.run('monthly-result', { from: '2025-01-01', to: '2025-06-30' });
    expect(result.report).toEqual({ id: 'monthly-result', title: 'Result by month', kind: 'report' });
    expect(result.rows).toEqual([
      { period: '2025-03', revenue: '250.00', expenses: '0.00', net_income: '250.00' },
    ]);
    expect(result.totals).toEqual({ revenue: '250.00', expenses: '0.00', net_income: '250.00' });
    expect(renderCsv(result)).toBe('Month,Revenue,Expenses,Profit\r\n2025-03,250.00,0.00,250.00\r\n');
    expect(listReports().find((entry) => entry.id === 'monthly-result')?.has_chart).toBe(true);
  });
});

describe('binding', () => {
  it('binds exactly the placeholders a statement uses, missing ones as NULL', () => {
    const sql = 'select $from, $to, $from, $department';
    expect(bindNamed(sql, { from: '2025-01-01', to: '2025-01-31', limit: 5 })).toEqual({
      from: '2025-01-01',
      to: '2025-01-31',
      department: null,
    });
  });

  it('keeps a hostile value a value: a filter never becomes SQL', async () => {
    const result = await ledger.run('trial-balance', { as_of: '2025-03-31', department: "x' or 1=1 --" });
    expect(result.rows).toEqual([]);
  });
});

describe('statement JSON', () => {
  it('uses the design field names: lines for outlines, opening and closing cash beside the totals', async () => {
    const cash = statementJson(await ledger.run('cash-flow', { from: '2025-01-01', to: '2025-12-31' }));
    expect(cash).toMatchObject({ statement: 'cash-flow', opening_cash: '0.00', closing_cash: '250.00' });
    expect(cash.lines).toBeInstanceOf(Array);
    const trial = statementJson(await ledger.run('trial-balance', { as_of: '2025-12-31' }));
    expect(trial.rows).toEqual([
      expect.objectContaining({
        account: '1130',
        name: 'Bank - Operating Account',
        debit: '250.00',
        credit: '0.00',
        balance: '250.00',
      }),
      expect.objectContaining({ account: '4130', debit: '0.00', credit: '250.00', balance: '-250.00' }),
    ]);
  });
});

describe('before the first transform', () => {
  it('says the marts are not built rather than failing inside', async () => {
    const fresh = await openReportLedger();
    try {
      await expect(
        runReport(fresh.test.ledger.db, 'balance-sheet', { as_of: '2025-01-31' }),
      ).rejects.toMatchObject({
        kind: 'unavailable',
        code: 'marts_not_built',
      });
    } finally {
      await fresh.dispose();
    }
  });
});
