// The freshness stamp is cached between changes: a commit or an ended transform run makes the next read fresh.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestSchedules, postJournal, type TestSchedules } from './testing.ts';

let t: TestSchedules;
beforeEach(async () => {
  t = await openTestSchedules();
});
afterEach(async () => {
  await t.dispose();
});

describe('Schedules.freshness', () => {
  it('reads the database once while nothing changes', async () => {
    await t.schedules.transforms.run({ full: true });
    const query = vi.spyOn(t.ledger.db, 'query');
    const first = await t.schedules.freshness();
    const reads = query.mock.calls.length;
    expect(reads).toBeGreaterThan(0);
    const again = await Promise.all([t.schedules.freshness(), t.schedules.freshness()]);
    expect(query.mock.calls.length).toBe(reads);
    expect(again).toEqual([first, first]);
    expect(first.is_fresh).toBe(true);
  });

  it('sees a commit: the ledger moves ahead of the marts', async () => {
    await t.schedules.transforms.run({ full: true });
    const before = await t.schedules.freshness();
    await postJournal(t.ledger, '12.50');
    const after = await t.schedules.freshness();
    expect(BigInt(after.ledger_seq ?? '0')).toBeGreaterThan(BigInt(before.ledger_seq ?? '0'));
    expect(after.is_fresh).toBe(false);
    expect(after.lag_seq).toBeGreaterThan(0);
  });

  it('sees a transform run end: the marts catch up', async () => {
    await t.schedules.transforms.run({ full: true });
    await postJournal(t.ledger, '7.00');
    expect((await t.schedules.freshness()).is_fresh).toBe(false);
    await t.schedules.transforms.run({});
    const after = await t.schedules.freshness();
    expect(after.is_fresh).toBe(true);
    expect(after.last_fact_seq).toBe(after.ledger_seq);
  });

  it('reads the database every time once stopped', async () => {
    await t.schedules.stop();
    const query = vi.spyOn(t.ledger.db, 'query');
    await t.schedules.freshness();
    const reads = query.mock.calls.length;
    await t.schedules.freshness();
    expect(query.mock.calls.length).toBe(2 * reads);
  });
});
