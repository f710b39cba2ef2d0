// The background runtime of `serve`: what start() switches on, and what `--no-refresh` leaves off.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../tests/support/ledger.ts';
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

  it('leaves the refresher off when refreshing on commit is turned off (serve --no-refresh)', async () => {
    const schedules = new Schedules(t.ledger, { jobs: [], refreshOnCommit: false, log: () => {} });
    schedules.start();
    expect(schedules.started).toBe(true);
    expect(schedules.refresher.state().is_listening).toBe(false);
    await schedules.stop();
  });
});
