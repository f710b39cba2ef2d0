// Textbook entries through ingest and the transform, and the statements' exact figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCsv } from '../csv.ts';
import type { ReportResult, Row } from '../definition.ts';
import { openReportLedger, type ReportLedger } from '../test-support.ts';
import { changeOf } from './income-statement.ts';

let ledger: ReportLedger;
const OPERATING_BANK = 'Bank - Operating Account';

const line = (account: string, debit: string, credit: string, extra: Row = {}) => ({
  account,
  ...(debit ? { debit } : {}),
  ...(credit ? { credit } : {}),
  ...extra,
});

beforeAll(async () => {
  ledger = await openReportLedger();
  await ledger.post([
    {
      date: '2024-12-15',
      memo: 'service sold for cash',
      lines: [line('1130', '1000', ''), line('4130', '', '1000')],
    },
    {
      date: '2025-01-01',
      memo: 'shares issued',
      lines: [line('1130', '50000', ''), line('3100', '', '50000')],
    },
    { date: '2025-01-02', memo: 'bank loan', lines: [line('1130', '20000', ''), line('2510', '', '20000')] },
    {
      date: '2025-01-05',
      memo: 'machine bought',
      lines: [line('1530', '24000', ''), line('1130', '', '24000')],
    },
    { date: '2025-01-31', memo: 'rent paid', lines: [line('6310', '1500', ''), line('1130', '', '1500')] },
    {
      date: '2025-02-10',
      memo: 'sale on credit with VAT',
      lines: [line('1210', '11900', ''), line('4110', '', '10000'), line('2210', '', '1900')],
    },
    { date: '2025-02-28', memo: 'depreciation', lines: [line('7100', '400', ''), line('1535', '', '400')] },
    {
      date: '2025-03-15',
      memo: 'customer pays',
      lines: [
        line('1130', '11900', '', { memo: 'transfer 4711', party: 'C-ACME' }),
        line('1210', '', '11900'),
      ],
    },
    {
      date: '2025-03-31',
      memo: 'loan instalment with interest',
      lines: [line('2510', '1000', ''), line('8510', '100', ''), line('1130', '', '1100')],
    },
    {
      date: '2025-04-10',
      memo: 'machine and rent, partly paid',
      lines: [
        line('1530', '1000', ''),
        line('6310', '500', ''),
        line('1130', '', '1000'),
        line('2110', '', '500'),
      ],
    },
    {
      date: '2025-04-20',
      memo: 'bank transfer',
      lines: [line('1140', '2000', ''), line('1130', '', '2000')],
    },
    {
      date: '2025-05-05',
      memo: 'cash in sales, revenue in administration',
      lines: [line('1130', '300', '', { department: 'SAL' }), line('4130', '', '300', { department: 'ADM' })],
    },
    {
      date: '2026-06-15',
      memo: 'rent moved from sales to administration',
      lines: [line('6310', '250', '', { department: 'ADM' }), line('6310', '', '250', { department: 'SAL' })],
    },
  ]);
  await ledger.transform();
}, 60_000);

afterAll(async () => {
  await ledger?.dispose();
});

function find(result: ReportResult, key: string): Row | undefined {
  return result.rows.find((row) => row.key === key);
}

function amounts(result: ReportResult): Record<string, unknown> {
  return Object.fromEntries(result.rows.map((row) => [row.key, row.amount]));
}

describe('trial balance', () => {
  it('lists cumulative debits and credits as of a date, with totals that balance', async () => {
    const result = await ledger.run('trial-balance', { as_of: '2025-03-31' });
    expect(result.rows.find((row) => row.account === '1130')).toMatchObject({
      name: 'Bank - Operating Account',
      opening: '0.00',
      debit: '82900.00',
      credit: '26600.00',
      balance: '56300.00',
      closing: '56300.00',
      drill: '/api/v1/reports/general-ledger?account=1130&from=1900-01-01&to=2025-03-31',
    });
    expect(result.totals).toMatchObject({ debit: '121800.00', credit: '121800.00', balance: '0.00' });
    expect(result.totals?.closing_debit).toBe(result.totals?.closing_credit);
  });

  it('shows opening, movement and closing for a range that cuts a month', async () => {
    const result = await ledger.run('trial-balance', { from: '2025-02-01', to: '2025-02-20' });
    expect(result.rows.find((row) => row.account === '1130')).toMatchObject({
      opening: '45500.00',
      debit: '0.00',
      credit: '0.00',
      closing: '45500.00',
    });
    expect(result.rows.find((row) => row.account === '1210')).toMatchObject({
      debit: '11900.00',
      balance: '11900.00',
    });
    expect(result.rows.some((row) => row.account === '7100')).toBe(false);
    expect(result.totals).toMatchObject({
      opening: '0.00',
      debit: '11900.00',
      credit: '11900.00',
      closing: '0.00',
    });
  });
});

describe('general ledger', () => {
  it('pages the lines of a group with a running balance that starts at the opening balance', async () => {
    const params = { account: '1100', from: '2025-01-02', to: '2025-03-31', limit: '3', offset: '1' };
    const result = await ledger.run('general-ledger', params);
    expect(result.rows.map((row) => [row.posting_date, row.amount, row.running_balance])).toEqual([
      ['2025-01-05', '-24000.00', '47000.00'],
      ['2025-01-31', '-1500.00', '45500.00'],
      ['2025-03-15', '11900.00', '57400.00'],
    ]);
    expect(result.rows[0]?.drill).toMatch(/^\/api\/v1\/journals\/JV-2025-/);
    // The words come from the facts: the line's memo, else its entry's; the party; the account's name.
    expect(result.rows.map((row) => [row.account_name, row.memo, row.party])).toEqual([
      [OPERATING_BANK, 'machine bought', null],
      [OPERATING_BANK, 'rent paid', null],
      [OPERATING_BANK, 'transfer 4711', 'C-ACME'],
    ]);
    expect(result.totals).toMatchObject({ opening: '51000.00', closing: '56300.00', line_count: 5 });
    expect(result.page).toEqual({ limit: 3, offset: 1, total_rows: 5, next_offset: 4 });
  });

  it('filters the lines of a leaf by department', async () => {
    const result = await ledger.run('general-ledger', {
      account: '1130',
      from: '2025-01-01',
      to: '2025-12-31',
      department: 'SAL',
    });
    expect(result.rows.map((row) => row.amount)).toEqual(['300.00']);
    expect(result.totals).toMatchObject({ opening: '0.00', closing: '300.00' });
  });
});

describe('balance sheet', () => {
  it('puts the unclosed result in equity, so assets equal liabilities plus equity', async () => {
    const result = await ledger.run('balance-sheet', { as_of: '2025-03-31' });
    expect(result.totals).toEqual({
      assets: '79900.00',
      liabilities: '20900.00',
      equity: '59000.00',
      liabilities_and_equity: '79900.00',
    });
    expect(amounts(result)).toMatchObject({
      'assets/current_assets/cash_and_equivalents': '56300.00',
      'assets/non_current_assets/accumulated_depreciation': '-400.00',
      'liabilities/non_current_liabilities/borrowings_non_current/2510': '19000.00',
      'equity/equity/retained_earnings': '1000.00',
      'equity/equity/current_year_result': '8000.00',
    });
    expect(find(result, 'equity/equity/current_year_result/result:current_year_result')?.kind).toBe('item');
  });

  it("shows a year's result as the current result at that year's end", async () => {
    const result = await ledger.run('balance-sheet', { as_of: '2024-12-31' });
    expect(result.totals).toMatchObject({ assets: '1000.00', liabilities: '0.00', equity: '1000.00' });
    expect(amounts(result)['equity/equity/current_year_result']).toBe('1000.00');
    expect(amounts(result)['equity/equity/retained_earnings']).toBeUndefined();
  });

  it('stays balanced under a department filter through a clearing line', async () => {
    const result = await ledger.run('balance-sheet', { as_of: '2025-05-31', department: 'SAL' });
    expect(result.totals).toMatchObject({ assets: '300.00', liabilities_and_equity: '300.00' });
    expect(amounts(result)['equity/equity/dimension_clearing']).toBe('300.00');
  });
});

describe('income statement', () => {
  it('reads a range inside one month once, not as both its head and its tail', async () => {
    const result = await ledger.run('income-statement', { from: '2025-02-05', to: '2025-02-20' });
    expect(result.totals).toMatchObject({ revenue: '10000.00', expenses: '0.00', net_income: '10000.00' });
    const trial = await ledger.run('trial-balance', { from: '2025-02-05', to: '2025-02-20' });
    expect(trial.totals).toMatchObject({ debit: '11900.00', credit: '11900.00' });
  });

  it('shows an account that moved in the range even when its movements net to zero', async () => {
    const result = await ledger.run('income-statement', { from: '2026-06-01', to: '2026-06-30' });
    expect(result.rows.find((row) => row.account === '6310')).toMatchObject({ amount: '0.00' });
    const months = await ledger.run('income-statement', {
      from: '2026-01-01',
      to: '2026-12-31',
      columns: 'month',
    });
    expect(months.rows.find((row) => row.account === '6310')).toMatchObject({ amount: '0.00' });
  });

  it('compares with the previous period, with absolute and percent change', async () => {
    const result = await ledger.run('income-statement', {
      from: '2025-01-01',
      to: '2025-03-31',
      compare: 'previous-period',
    });
    expect(result.params).toMatchObject({ comparison_from: '2024-10-01', comparison_to: '2024-12-31' });
    expect(find(result, 'revenue')).toMatchObject({
      amount: '10000.00',
      comparison: '1000.00',
      change: '9000.00',
      change_pct: '900.00',
    });
    expect(find(result, 'finance_costs')).toMatchObject({
      amount: '100.00',
      comparison: '0.00',
      change_pct: null,
    });
    expect(result.totals).toEqual({
      revenue: '10000.00',
      expenses: '2000.00',
      net_income: '8000.00',
      comparison: { revenue: '1000.00', expenses: '0.00', net_income: '1000.00' },
    });
  });

  it('splits the range into monthly columns that add up to the total', async () => {
    const result = await ledger.run('income-statement', {
      from: '2025-01-15',
      to: '2025-04-30',
      columns: 'month',
    });
    expect(find(result, 'operating_expenses')).toMatchObject({
      amount: '2400.00',
      periods: { '2025-01': '1500.00', '2025-02': '400.00', '2025-03': '0.00', '2025-04': '500.00' },
    });
    const csv = renderCsv(result);
    expect(csv.split('\r\n')[0]).toBe('Key,Line,Account,2025-01,2025-02,2025-03,2025-04,Total');
    expect(csv).toContain('operating_expenses,Operating expenses,,1500.00,400.00,0.00,500.00,2400.00');
  });

  it('names quarterly columns by fiscal year and quarter', async () => {
    const result = await ledger.run('income-statement', {
      from: '2024-12-01',
      to: '2025-03-31',
      columns: 'quarter',
    });
    expect(result.columns.map((column) => column.label)).toContain('FY2024-Q4');
    expect(find(result, 'revenue')?.periods).toEqual({ 'FY2024-Q4': '1000.00', 'FY2025-Q1': '10000.00' });
  });
});

describe('cash flow', () => {
  const q1 = { from: '2025-01-01', to: '2025-03-31' };
  const q1Totals = {
    operating: '10300.00',
    investing: '-24000.00',
    financing: '69000.00',
    net_change: '55300.00',
    opening_cash: '1000.00',
    closing_cash: '56300.00',
  };

  it('reconciles profit to operating cash by the indirect method', async () => {
    const result = await ledger.run('cash-flow', q1);
    expect(result.totals).toEqual(q1Totals);
    expect(amounts(result)).toMatchObject({
      'operating/net_income': '8000.00',
      'operating/depreciation_amortisation': '400.00',
      'operating/change_in_tax_liabilities': '1900.00',
      'investing/purchase_of_ppe': '-24000.00',
      'financing/proceeds_from_borrowings_net': '19000.00',
      'financing/proceeds_from_share_issue': '50000.00',
    });
  });

  it('lists the same cash by what it paid for by the direct method', async () => {
    const result = await ledger.run('cash-flow', { ...q1, method: 'direct' });
    expect(result.totals).toEqual(q1Totals);
    expect(amounts(result)).toMatchObject({
      'operating/change_in_receivables': '11900.00',
      'operating/operating_expenses': '-1500.00',
      'operating/finance_costs': '-100.00',
    });
    expect(find(result, 'operating/change_in_receivables')?.label).toBe('Receipts from customers');
  });

  it('shares a payment among the debits it settled, to the cent, and leaves transfers out', async () => {
    const april = { from: '2025-04-01', to: '2025-04-30' };
    const direct = await ledger.run('cash-flow', { ...april, method: 'direct' });
    expect(amounts(direct)).toMatchObject({
      'investing/purchase_of_ppe/1530': '-666.67',
      'operating/operating_expenses/6310': '-333.33',
    });
    const indirect = await ledger.run('cash-flow', april);
    expect(amounts(indirect)).toMatchObject({
      'operating/net_income': '-500.00',
      'operating/change_in_payables': '500.00',
      'operating/non_cash_investing_financing/1530': '-333.33',
    });
    expect(indirect.totals).toEqual(direct.totals);
    expect(indirect.totals).toMatchObject({
      operating: '-333.33',
      investing: '-666.67',
      net_change: '-1000.00',
    });
  });

  it('gives equal methods under a department filter', async () => {
    const may = { from: '2025-05-01', to: '2025-05-31', department: 'SAL' };
    const indirect = await ledger.run('cash-flow', may);
    const direct = await ledger.run('cash-flow', { ...may, method: 'direct' });
    expect(indirect.totals).toEqual(direct.totals);
    expect(indirect.totals).toMatchObject({
      operating: '300.00',
      net_change: '300.00',
      closing_cash: '300.00',
    });
    expect(amounts(indirect)['operating/dimension_clearing']).toBe('300.00');
  });
});

describe('the income statement change in percent', () => {
  it('is exact to two places, rounded half away from zero, against the comparison magnitude', () => {
    expect(changeOf('100.00', '300.00')).toEqual({ change: '-200.00', change_pct: '-66.67' });
    expect(changeOf('400.00', '300.00')).toEqual({ change: '100.00', change_pct: '33.33' });
    // 0.01 on 200.00 is 0.005 %: half a hundredth, away from zero on either side.
    expect(changeOf('200.01', '200.00')).toEqual({ change: '0.01', change_pct: '0.01' });
    expect(changeOf('199.99', '200.00')).toEqual({ change: '-0.01', change_pct: '-0.01' });
    // A negative comparison (a loss) is measured by its magnitude: a smaller loss is a positive change.
    expect(changeOf('-50.00', '-100.00')).toEqual({ change: '50.00', change_pct: '50.00' });
    expect(changeOf('12.34', '0.00')).toEqual({ change: '12.34', change_pct: null });
  });
});
