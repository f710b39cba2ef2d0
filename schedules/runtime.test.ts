// The background runtime of `serve`: what start() switches on, and what `--no-refresh` leaves off.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../tests/support/ledger.ts';
import { DEFAULT_JOBS } from './jobs.ts';
import { Schedules } from './runtime.ts';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(() => t.dispose());

describe('Schedules', () => {
  it('listens to commits once started', async () => {
    const schedules = new Schedules(t.ledger, { jobs: [], log: () => {} });
    expect(schedules.refresher.state().is_listening).toBe(false);
    schedules.start();
    expect(schedules.refresher.state().is_listening).toBe(true);
    await schedules.stop();
  });

  it('leaves the refresher off when mart refreshes are turned off (serve --no-refresh)', async () => {
    const schedules = new Schedules(t.ledger, { jobs: [], refreshMarts: false, log: () => {} });
    schedules.start();
    expect(schedules.started).toBe(true);
    expect(schedules.refresher.state().is_listening).toBe(false);
    await schedules.stop();
  });

  it('schedules no mart rebuild when mart refreshes are turned off, but keeps the other jobs', async () => {
    const schedules = new Schedules(t.ledger, { refreshMarts: false, log: () => {} });
    schedules.start();
    const scheduled = schedules.scheduler
      .describe()
      .filter((job) => job.is_scheduled)
      .map((job) => job.id);
    expect(scheduled).toEqual(['depreciation-monthly']);
    await schedules.stop();
  });

  it('schedules every enabled job by default', async () => {
    const schedules = new Schedules(t.ledger, { log: () => {} });
    schedules.start();
    const scheduled = schedules.scheduler.describe().filter((job) => job.is_scheduled);
    expect(scheduled.map((job) => job.id)).toEqual(DEFAULT_JOBS.map((job) => job.id));
    await schedules.stop();
  });
});
