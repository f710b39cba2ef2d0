// Test support for schedules/: a fresh ledger with the shipped project, and journals posted like a user would.
import { JournalInput, type Ledger, parseOrThrow, postJournalCommand } from '../ingest/index.ts';
import { openTestLedger, type TestLedger } from '../tests/support/ledger.ts';
import type { Job, JobOutcome } from './jobs.ts';
import { Schedules, type SchedulesOptions } from './runtime.ts';

export interface TestSchedules extends TestLedger {
  schedules: Schedules;
}

/** A new ledger and its (stopped) Schedules; dispose() stops them before closing the ledger. */
export async function openTestSchedules(options: SchedulesOptions = {}): Promise<TestSchedules> {
  const test = await openTestLedger();
  const schedules = new Schedules(test.ledger, { log: () => {}, ...options });
  return {
    ...test,
    schedules,
    async dispose() {
      await schedules.stop();
      await test.dispose();
    },
  };
}

/** Posts a balanced journal and returns its number. */
export async function postJournal(ledger: Ledger, amount = '100.00', date = '2025-03-14'): Promise<string> {
  const journal = parseOrThrow(JournalInput, {
    date,
    memo: 'rent',
    lines: [
      { account: '6310', debit: amount, department: 'ADM' },
      { account: '1130', credit: amount },
    ],
  });
  const outcome = await ledger.submit(postJournalCommand({ user: 'tester' }, journal));
  return (outcome.body as { number: string }).number;
}

/** A job that runs until told to finish, or until aborted if it `obeys` its signal. */
export function controllableJob(id: string, settings: Partial<Job> = {}, obeys = true) {
  let finish: (outcome: JobOutcome) => void = () => {};
  let starts = 0;
  const job: Job = {
    id,
    description: `test job ${id}`,
    cron: '0 0 1 1 *',
    timeout_ms: 60_000,
    enabled: true,
    ...settings,
    run: ({ signal }) => {
      starts++;
      return new Promise<JobOutcome>((resolve) => {
        finish = resolve;
        if (obeys) signal.addEventListener('abort', () => resolve({ status: 'failed', detail: 'aborted' }));
      });
    },
  };
  return {
    job,
    finish: (outcome: JobOutcome = { status: 'success', detail: 'done' }) => finish(outcome),
    starts: () => starts,
  };
}
