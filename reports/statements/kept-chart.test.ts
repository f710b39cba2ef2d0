// The chart the statements join in memory (leafChart) is kept only until a transform publishes: an account
// added to the chart, once the marts are rebuilt, shows in each of them with its name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccountCommand } from '../../ingest/index.ts';
import type { Row } from '../definition.ts';
import { openReportLedger, type ReportLedger } from '../test-support.ts';

let ledger: ReportLedger;

beforeAll(async () => {
  ledger = await openReportLedger();
  await ledger.post([
    {
      date: '2025-01-31',
      memo: 'rent',
      lines: [
        { account: '6310', debit: '900' },
        { account: '1130', credit: '900' },
      ],
    },
  ]);
  await ledger.transform();
});

afterAll(async () => {
  await ledger.dispose();
});

const accountsOf = (rows: Row[]) => rows.map((row) => row.account);

describe('the kept chart of the statements', () => {
  it('stands until a transform publishes, then holds the new account', async () => {
    const before = await ledger.run('trial-balance', { as_of: '2025-12-31' });
    expect(accountsOf(before.rows)).toEqual(['1130', '6310']);
    const yearBefore = await ledger.run('income-statement', { from: '2025-01-01', to: '2025-12-31' });
    expect(accountsOf(yearBefore.rows)).not.toContain('6315');

    const added = await ledger.test.ledger.submit(
      addAccountCommand(
        { user: 'report-tests' },
        { code: '6315', name: 'Storage rent', type: 'expense', parent_code: '6300', is_group: false },
      ),
    );
    expect(added.status).toBe(201);
    await ledger.post([
      {
        date: '2025-02-28',
        memo: 'storage',
        lines: [
          { account: '6315', debit: '250' },
          { account: '1130', credit: '250' },
        ],
      },
    ]);
    await ledger.transform();

    const after = await ledger.run('trial-balance', { as_of: '2025-12-31' });
    expect(after.rows.find((row) => row.account === '6315')).toMatchObject({
      name: 'Storage rent',
      debit: '250.00',
      closing: '250.00',
    });
    expect(after.totals).toMatchObject({ debit: '1150.00', credit: '1150.00', accounts: 3 });

    const cash = await ledger.run('cash-flow', { from: '2025-01-01', to: '2025-12-31', method: 'direct' });
    expect(cash.totals).toMatchObject({ net_change: '-1150.00' });

    const year = await ledger.run('income-statement', { from: '2025-01-01', to: '2025-12-31' });
    expect(year.rows.find((row) => row.account === '6315')).toMatchObject({
      label: 'Storage rent',
      amount: '250.00',
    });
    expect(year.totals).toMatchObject({ expenses: '1150.00', net_income: '-1150.00' });
    const sheet = await ledger.run('balance-sheet', { as_of: '2025-12-31' });
    expect(sheet.totals).toMatchObject({ assets: '-1150.00', equity: '-1150.00' });
  });
});
