// Property: after a year-end close, the closed year's net income equals the change in retained earnings, the
// income statement still shows that year's result, and the balance sheet counts it once (random journals).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeFiscalYearCommand, formatMoney, periodCommand } from '../ingest/index.ts';
import { cents, netOf, type RandomJournal, randomJournals } from '../tests/support/random-journals.ts';
import type { Row } from './definition.ts';
import { openReportLedger, type ReportLedger } from './test-support.ts';

// Every account type but the retained-earnings account itself, which only the close should move.
const ACCOUNTS = [
  '1130',
  '1210',
  '1535',
  '2110',
  '2510',
  '3100',
  '3400',
  '4110',
  '4910',
  '5110',
  '6310',
  '7100',
  '8010',
  '8510',
];
const RESULT = new Set(['4110', '4910', '8010', '5110', '6310', '7100', '8510']);
const EQUITY_AND_RESULT = new Set(['3100', '3300', '3400', ...RESULT]);
const RETAINED_EARNINGS = '3300';
const YEAR = { from: '2024-01-01', to: '2024-12-31' };
/** Each run builds a ledger, closes eleven periods and a year, and builds the marts (~1.5 s). */
const RUNS = 8;

async function closeYear2024(ledger: ReportLedger): Promise<Record<string, unknown>> {
  const actor = { user: 'year-end-tests' };
  for (let month = 1; month <= 11; month++) {
    const period = `2024-${String(month).padStart(2, '0')}`;
    await ledger.test.ledger.submit(periodCommand(actor, period, 'close'));
  }
  const outcome = await ledger.test.ledger.submit(closeFiscalYearCommand(actor, 2024, {}));
  return outcome.body as Record<string, unknown>;
}

async function changeOfRetainedEarnings(ledger: ReportLedger): Promise<bigint> {
  const { rows } = await ledger.run('trial-balance', YEAR);
  const row = rows.find((each) => each.account === RETAINED_EARNINGS);
  return row ? -cents(row.balance) : 0n;
}

async function expectBalanceSheetCountsResultOnce(ledger: ReportLedger, journals: RandomJournal[]) {
  for (const asOf of ['2024-12-31', '2025-06-30', '2025-12-31']) {
    const { totals, rows } = await ledger.run('balance-sheet', { as_of: asOf });
    expect(cents(totals?.assets)).toBe(cents(totals?.liabilities) + cents(totals?.equity));
    expect(cents(totals?.equity)).toBe(-netOf(journals, EQUITY_AND_RESULT, { from: '2000-01-01', to: asOf }));
    // 2024 is closed, so no year before 2025 has a result left outside retained earnings.
    const unclosed = rows.find((line: Row) => String(line.key).endsWith('result:retained_earnings'));
    expect(unclosed).toBeUndefined();
  }
}

describe('year-end close over random journals', () => {
  it('net income of the closed year equals the change in retained earnings; statements stay right', async () => {
    const scenario = fc.record({
      journals: randomJournals({ accounts: ACCOUNTS, firstDay: '2024-01-01', days: 731 }),
      department: fc.constantFrom('SAL', 'ADM'),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ journals, department }) => {
        const ledger = await openReportLedger();
        try {
          await ledger.post(journals);
          const netIncome = -netOf(journals, RESULT, YEAR);
          expect((await closeYear2024(ledger)).net_income).toBe(formatMoney(netIncome));
          await ledger.transform();
          const income = await ledger.run('income-statement', YEAR);
          expect(cents(income.totals?.net_income)).toBe(netIncome);
          expect(await changeOfRetainedEarnings(ledger)).toBe(netIncome);
          const byDepartment = await ledger.run('income-statement', { ...YEAR, department });
          expect(cents(byDepartment.totals?.net_income)).toBe(
            -netOf(journals, RESULT, { ...YEAR, department }),
          );
          const yearEnd = await ledger.run('trial-balance', { as_of: YEAR.to });
          for (const row of yearEnd.rows.filter((each) => RESULT.has(String(each.account)))) {
            expect(row.closing, String(row.account)).toBe('0.00');
          }
          await expectBalanceSheetCountsResultOnce(ledger, journals);
          const filtered = await ledger.run('balance-sheet', { as_of: '2025-12-31', department });
          expect(filtered.totals?.assets).toBe(filtered.totals?.liabilities_and_equity);
        } finally {
          await ledger.dispose();
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 180_000);
});
