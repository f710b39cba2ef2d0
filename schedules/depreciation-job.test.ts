// The monthly depreciation job, run with a pinned clock: posts the previous month once, as the scheduler,
// and records "nothing owed" and "period closed" as outcomes instead of failing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssetInput, parseOrThrow, periodCommand, registerAssetCommand } from '../ingest/index.ts';
import { countRows } from '../tests/support/ledger.ts';
import { previousPeriod } from './depreciation-job.ts';
import { JobHistory } from './job-history.ts';
import { DEFAULT_JOBS, type Job } from './jobs.ts';
import { Scheduler } from './scheduler.ts';
import { openTestSchedules, type TestSchedules } from './testing.ts';

/** SLN (12000 − 1200) / 5 = 180.00 a month from January 2025. */
const LATHE = {
  name: 'CNC lathe',
  category: 'machinery',
  cost: '12000.00',
  salvage_value: '1200.00',
  useful_life_years: 5,
  start_date: '2025-01-15',
  method: 'straight_line',
};

const job = DEFAULT_JOBS.find((each) => each.id === 'depreciation-monthly') as Job;

let t: TestSchedules;
beforeEach(async () => {
  t = await openTestSchedules();
  await t.ledger.submit(registerAssetCommand({ user: 'tester' }, parseOrThrow(AssetInput, LATHE)));
});
afterEach(async () => {
  await t.dispose();
});

function runAt(iso: string) {
  return job.run({
    signal: new AbortController().signal,
    timeoutMs: job.timeout_ms,
    transforms: t.schedules.transforms,
    ledger: t.ledger,
    now: new Date(iso),
    timezone: 'UTC',
  });
}

describe('the monthly depreciation job', () => {
  it('runs at 03:00 on the first of every month', () => {
    expect(job).toMatchObject({ cron: '0 3 1 * *', enabled: true });
  });

  it('posts the previous month as user scheduler under depreciation-run:YYYY-MM, once', async () => {
    const first = await runAt('2025-02-01T03:00:00Z');
    expect(first).toEqual({ status: 'success', detail: '2025-01: posted DEP-2025-000001, 1 assets, 180.00' });
    const [entry] = await t.ledger.db.query(
      `select document_number, user_name, idempotency_key, posting_date from facts.journal_entries
       where document_type = 'depreciation-run'`,
    );
    expect(entry).toEqual({
      document_number: 'DEP-2025-000001',
      user_name: 'scheduler',
      idempotency_key: 'depreciation-run:2025-01',
      posting_date: '2025-01-31',
    });
    const lines = await countRows(t.ledger, 'facts.journal_lines');
    const again = await runAt('2025-02-01T09:30:00Z');
    expect(again.status).toBe('success');
    expect(again.detail).toContain('already run');
    expect(await countRows(t.ledger, 'facts.journal_lines')).toBe(lines);
  });

  it('records nothing_to_post as a successful run that posted nothing', async () => {
    const outcome = await runAt('2025-01-01T03:00:00Z');
    expect(outcome.status).toBe('success');
    expect(outcome.detail).toMatch(/^2024-12: nothing_to_post: no active asset/);
  });

  it('records a closed period as skipped, with the rule, and the scheduler keeps the run in its history', async () => {
    await t.ledger.submit(periodCommand({ user: 'tester' }, '2025-02', 'close'));
    const scheduler = new Scheduler({
      jobs: [job],
      transforms: t.schedules.transforms,
      ledger: t.ledger,
      history: new JobHistory(t.ledger.db),
      now: () => new Date('2025-03-01T03:00:00Z'),
      log: () => {},
    });
    try {
      const run = await scheduler.runJob('depreciation-monthly', 'schedule');
      expect(run).toMatchObject({ status: 'skipped', job_id: 'depreciation-monthly' });
      expect(run.detail).toMatch(/^2025-02: period_is_closed: /);
      const [recorded] = await new JobHistory(t.ledger.db).list(5, 'depreciation-monthly');
      expect(recorded).toMatchObject({ status: 'skipped', trigger: 'schedule' });
    } finally {
      await scheduler.stop();
    }
    expect(await countRows(t.ledger, 'facts.asset_depreciation')).toBe(0);
  });
});

describe('previousPeriod', () => {
  it('steps back over a year boundary, in the time zone the cron expression runs in', () => {
    expect(previousPeriod(new Date('2025-01-01T03:00:00Z'), 'UTC')).toBe('2024-12');
    expect(previousPeriod(new Date('2025-03-31T23:30:00Z'), 'UTC')).toBe('2025-02');
    expect(previousPeriod(new Date('2025-03-31T23:30:00Z'), 'Europe/Berlin')).toBe('2025-03');
    expect(previousPeriod(new Date('2025-04-01T02:00:00Z'), 'America/New_York')).toBe('2025-02');
  });
});
