// The refresher: a posting reaches the marts within FRESHNESS_TARGET_MS, bursts share runs, fresh=true waits.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listRuns } from '../transform/index.ts';
import { readFreshness } from './freshness.ts';
import { FRESHNESS_TARGET_MS } from './limits.ts';
import { openTestSchedules, postJournal, type TestSchedules } from './testing.ts';

let t: TestSchedules;
beforeEach(async () => {
  t = await openTestSchedules();
});
afterEach(async () => {
  await t.dispose();
});

async function linesOf(number: string): Promise<number> {
  const [row] = await t.ledger.db.query(
    'select count(*)::integer as n from marts.fct_journal_lines where document_number = ?',
    [number],
  );
  return Number(row?.n);
}

describe('Refresher', () => {
  it('reflects a posting in fct_journal_lines within FRESHNESS_TARGET_MS', async () => {
    await t.schedules.transforms.run({ full: true });
    t.schedules.start();
    const latencies: number[] = [];
    for (const amount of ['10.00', '20.00', '30.00']) {
      const posted = performance.now();
      const number = await postJournal(t.ledger, amount);
      await expect.poll(() => linesOf(number), { timeout: FRESHNESS_TARGET_MS, interval: 25 }).toBe(2);
      latencies.push(Math.round(performance.now() - posted));
    }
    console.info(`posting → fct_journal_lines latency (ms): ${latencies.join(', ')}`);
    expect(Math.max(...latencies)).toBeLessThan(FRESHNESS_TARGET_MS);
    // The run records its end just after publishing the marts.
    await expect.poll(async () => (await readFreshness(t.ledger.db)).is_fresh).toBe(true);
  }, 30_000);

  it('refreshes a burst of postings with one or two runs, not one per posting', async () => {
    await t.schedules.transforms.run({ full: true });
    t.schedules.start();
    const numbers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postJournal(t.ledger, `${i + 1}.00`)),
    );
    await expect.poll(() => linesOf(numbers.at(-1) as string), { timeout: FRESHNESS_TARGET_MS }).toBe(2);
    const runs = await listRuns(t.ledger.db, 50);
    expect(runs.length - 1).toBeLessThanOrEqual(2);
  }, 30_000);

  it('listens beside other commit listeners', async () => {
    const seen: bigint[] = [];
    t.ledger.writer.subscribe((seq) => seen.push(seq));
    t.schedules.start();
    await postJournal(t.ledger);
    expect(seen).toEqual([t.ledger.state.seq]);
    expect(t.schedules.refresher.state()).toMatchObject({ is_listening: true, is_pending: true });
  });

  it('ensureFresh runs a refresh when the marts are behind, and nothing when they are not', async () => {
    const number = await postJournal(t.ledger);
    const fresh = await t.schedules.refresher.ensureFresh();
    expect(fresh).toMatchObject({ is_fresh: true, lag_seq: 0, last_fact_seq: fresh.ledger_seq });
    expect(await linesOf(number)).toBe(2);
    await t.schedules.refresher.ensureFresh();
    expect(await listRuns(t.ledger.db, 10)).toHaveLength(1);
  }, 30_000);

  it('ensureFresh shares the run already going rather than starting a second one at once', async () => {
    await postJournal(t.ledger);
    const [first, second] = await Promise.all([
      t.schedules.refresher.ensureFresh(),
      t.schedules.refresher.ensureFresh(),
    ]);
    expect(first.is_fresh && second.is_fresh).toBe(true);
    expect(await listRuns(t.ledger.db, 10)).toHaveLength(1);
  }, 30_000);
});

describe('Refresher limits', () => {
  let project: string;
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'ledgerline-slow-project-'));
    writeFileSync(join(project, 'dbt_project.yml'), 'name: slow\nprofile: slow\n');
    // A model slow enough to outlast the wait: the refresher's own timeout then stops it.
    mkdirSync(join(project, 'models'));
    writeFileSync(
      join(project, 'models', 'slow.sql'),
      "{{ config(materialized='table') }}select count(*) as n from range(100000000000)",
    );
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('answers refresh_timed_out when the marts cannot catch up in time', async () => {
    await t.dispose();
    t = await openTestSchedules({
      projectDir: project,
      refresher: { freshWaitMs: 200, timeoutMs: 1_000 },
    });
    await postJournal(t.ledger);
    await expect(t.schedules.refresher.ensureFresh()).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'refresh_timed_out',
    });
  });
});
