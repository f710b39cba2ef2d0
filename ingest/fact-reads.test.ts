// Reads announced by the commands of a group load once per source for all of them; each value is handed out
// once, and an unannounced or repeated read loads afresh.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../tests/support/ledger.ts';
import type { Command } from './command.ts';
import type { Database } from './db/database.ts';
import { FactReads, type FactSource, factRead } from './fact-reads.ts';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(async () => {
  await t.dispose();
});

/** A source whose facts of an id are `{id, load}`: which load (1, 2, …) produced them; ids starting with x have none. */
function countingSource() {
  const loads: string[][] = [];
  const source: FactSource<{ id: string; load: number }> = {
    name: 'counting',
    async load(_db: Database, ids: readonly string[]) {
      loads.push([...ids]);
      const found = ids
        .filter((id) => !id.startsWith('x'))
        .map((id) => [id, { id, load: loads.length }] as const);
      return new Map(found);
    },
  };
  return { source, loads };
}

describe('FactReads', () => {
  it('loads every announced id of a source at once, and hands each value out once', async () => {
    const { source, loads } = countingSource();
    const reads = new FactReads(t.ledger.db, [
      factRead(source, 'a'),
      factRead(source, 'b'),
      factRead(source, 'x1'),
    ]);
    expect(await reads.read(source, 'b')).toEqual({ id: 'b', load: 1 });
    expect(await reads.read(source, 'a')).toEqual({ id: 'a', load: 1 });
    expect(await reads.read(source, 'x1')).toBeUndefined();
    expect(loads).toEqual([['a', 'b', 'x1']]);
    // Read again, or not announced: a load of its own, so no two reads share (and change) one object.
    expect(await reads.read(source, 'a')).toEqual({ id: 'a', load: 2 });
    expect(await reads.read(source, 'c')).toEqual({ id: 'c', load: 3 });
    expect(loads.slice(1)).toEqual([['a'], ['c']]);
  });

  it('reports a failed load to each command that reads from it', async () => {
    const failing: FactSource<never> = {
      name: 'failing',
      load: () => Promise.reject(new Error('no such table')),
    };
    const reads = new FactReads(t.ledger.db, [factRead(failing, 'a')]);
    await expect(reads.read(failing, 'a')).rejects.toThrow('no such table');
  });

  it('gives the commands the writer takes into one group one load per source, and repeats none', async () => {
    const { source, loads } = countingSource();
    const command = (id: string): Command => ({
      name: 'test.read',
      user: 'tester',
      idempotencyKey: `read-${id}`,
      request: { id },
      keys: [`test:${id}`],
      reads: [factRead(source, id)],
      async run(ctx) {
        return { status: 200, body: (await ctx.read(source, id)) ?? null };
      },
    });
    const ids = ['a', 'b', 'c', 'd'];
    const outcomes = await Promise.all(ids.map((id) => t.ledger.submit(command(id))));
    expect(outcomes.map((outcome) => (outcome.body as { id: string }).id)).toEqual(ids);
    // The idle writer takes the first at once; the three submitted behind it are planned as one batch.
    expect(loads).toEqual([['a'], ['b', 'c', 'd']]);
    // Repeated with the same keys, they answer from the audit log and read nothing.
    const repeats = await Promise.all(ids.map((id) => t.ledger.submit(command(id))));
    expect(repeats.map((outcome) => outcome.replayed)).toEqual([true, true, true, true]);
    expect(loads).toHaveLength(2);
  });
});
