// Property: the incremental marts (appended lines, balances by delta, cash allocations by document) end where
// a full rebuild does, after any sequence of posted batches, back-dated journals and reversals; and every
// scoped test of each incremental build passes.
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postJournalBatchCommand, reverseJournalCommand } from '../../../ingest/index.ts';
import { openTestLedger, type TestLedger } from '../../../tests/support/ledger.ts';
import { randomJournals } from '../../../tests/support/random-journals.ts';
import { loadProject, type Project, type RunResult, runTransform } from '../../../transform/index.ts';

const PROJECT_DIR = fileURLToPath(new URL('../../..', import.meta.url));
/** Cash (bank, petty cash), receivables and payables, fixed assets, loans, equity, income and expenses. */
const ACCOUNTS = ['1130', '1150', '1210', '1520', '1525', '2110', '2510', '3100', '4110', '6310', '7100'];
const MARTS = {
  fct_journal_lines: 'seq',
  fct_account_balances: 'balance_key',
  rpt_cash_flow_allocations: 'allocation_key',
};
const ACTOR = { user: 'incremental-tests' };
/** Each run posts up to four batches and builds the marts five times (~1 s a build). */
const RUNS = 4;

// Two months of postings, so later batches keep landing on keys (account x period x department) that earlier
// ones created: the case the balances' delta merge must get right.
const batch = fc.record({
  journals: randomJournals({ accounts: ACCOUNTS, firstDay: '2025-11-01', days: 61, maxJournals: 6 }),
  reverseFirst: fc.boolean(),
});

async function build(ledger: TestLedger, project: Project, full: boolean): Promise<RunResult> {
  const result = await runTransform(ledger.ledger.db, project, {
    full,
    vars: { calendar_as_of: '2025-12-31' },
  });
  const failed = result.nodes.filter((node) => !['success', 'pass'].includes(node.status));
  expect(failed, `${full ? 'full' : 'incremental'} build`).toEqual([]);
  return result;
}

async function post(ledger: TestLedger, journals: unknown[], reverseFirst: boolean): Promise<void> {
  const outcome = await ledger.ledger.submit(postJournalBatchCommand(ACTOR, journals));
  const results = (outcome.body as { results: Array<{ status: string; number?: string }> }).results;
  expect(results.every((result) => result.status === 'accepted')).toBe(true);
  const first = results[0]?.number;
  if (reverseFirst && first)
    await ledger.ledger.submit(reverseJournalCommand(ACTOR, first, { date: '2025-12-31' }));
}

/** Every mart's rows as sorted JSON lines, so row order does not matter. */
async function snapshot(ledger: TestLedger): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [mart, key] of Object.entries(MARTS)) {
    const rows = await ledger.ledger.db.query(`select * from marts.${mart} order by ${key}`);
    out[mart] = rows.map((row) => JSON.stringify(row));
  }
  return out;
}

describe('incremental finance marts', () => {
  it('equal a full rebuild after any sequence of batches, back-dated journals and reversals', async () => {
    const project = await loadProject(PROJECT_DIR);
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 4 }), async (batches) => {
        const ledger = await openTestLedger();
        try {
          await build(ledger, project, true);
          for (const { journals, reverseFirst } of batches) {
            await post(ledger, journals, reverseFirst);
            await build(ledger, project, false);
          }
          const incremental = await snapshot(ledger);
          await build(ledger, project, true);
          expect(incremental).toEqual(await snapshot(ledger));
        } finally {
          await ledger.dispose();
        }
      }),
      // No shrinking: each run builds the marts several times, so shrinking would outlast the timeout.
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);
});
