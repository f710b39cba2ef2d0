// The monthly cash-flow mart after incremental runs equals a full rebuild, back-dated postings included, and the
// cash-flow statement reads the same figures whether a range cuts months or not.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../ingest/index.ts';
import { loadProject, runTransform } from '../transform/index.ts';
import { type JournalSpec, openReportLedger } from './test-support.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function cashJournal(date: string, cents: number, counter: string, department?: string): JournalSpec {
  const amount = formatMoney(BigInt(Math.abs(cents)));
  const dimension = department ? { department } : {};
  const [debit, credit] = cents > 0 ? ['1130', counter] : [counter, '1130'];
  return {
    date,
    lines: [
      { account: debit, debit: amount, ...dimension },
      { account: credit, credit: amount, ...dimension },
    ],
  };
}

describe('fct_cash_flow_balances', () => {
  it('after incremental runs equals a full rebuild, back-dated postings included', async () => {
    const ledger = await openReportLedger();
    try {
      const project = await loadProject(REPO_ROOT);
      const db = ledger.test.ledger.db;
      const snapshot = () =>
        db.query('select * exclude (last_seq) from marts.fct_cash_flow_balances order by cash_flow_key');
      await ledger.post([
        cashJournal('2025-01-10', 120_000, '4110'),
        cashJournal('2025-02-03', -45_000, '6310', 'SAL'),
      ]);
      await runTransform(db, project, { full: true });
      await ledger.post([cashJournal('2025-03-15', -800_000, '1610')]);
      await runTransform(db, project, {});
      // Back-dated into January, and a loan into February: both periods are recomputed.
      await ledger.post([
        cashJournal('2025-01-20', 7_550, '4110'),
        cashJournal('2025-02-28', 500_000, '2510'),
      ]);
      await runTransform(db, project, {});
      const incremental = await snapshot();
      expect(incremental.length).toBe(4);
      await runTransform(db, project, { full: true });
      expect(await snapshot()).toEqual(incremental);
      const january = incremental.filter((row) => row.period === '2025-01');
      expect(january.map((row) => row.amount)).toEqual(['1275.50']);
    } finally {
      await ledger.dispose();
    }
  });

  it('gives the statement the same sections for a range of whole months as for its days', async () => {
    const ledger = await openReportLedger();
    try {
      await ledger.post([
        cashJournal('2025-01-31', 100_000, '4110'),
        cashJournal('2025-02-01', -30_000, '1610'),
        cashJournal('2025-02-14', 250_000, '2510'),
        cashJournal('2025-03-01', -12_345, '6310'),
      ]);
      await ledger.transform();
      const whole = await ledger.run('cash-flow', { from: '2025-02-01', to: '2025-02-28' });
      const cut = await ledger.run('cash-flow', { from: '2025-01-31', to: '2025-03-01' });
      expect(whole.totals).toMatchObject({
        investing: '-300.00',
        financing: '2500.00',
        net_change: '2200.00',
      });
      expect(cut.totals).toMatchObject({ operating: '876.55', investing: '-300.00', financing: '2500.00' });
      expect(cut.totals?.net_change).toBe('3076.55');
    } finally {
      await ledger.dispose();
    }
  });
});
