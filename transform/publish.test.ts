// Atomic publish: a reader on another connection sees the old table or the new one, never none or half of one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, openFixture } from './test-fixture.ts';

const ROWS_OLD = 20_000;
const ROWS_NEW = 30_000;
const REBUILDS = 8;

let f: Fixture;
beforeAll(async () => {
  f = await openFixture(
    {
      'models/big.sql': "{{ config(materialized='table') }}select range as id from range({{ var('rows') }})",
      'models/big_view.sql': "select count(*) as n from {{ ref('big') }}",
    },
    'publish.duckdb',
  );
});
afterAll(async () => {
  await f.dispose();
});

describe('atomic publish', () => {
  it('never shows a polling reader a missing table or a count other than the old or the new', async () => {
    await f.run({ vars: { rows: ROWS_OLD } });
    const reader = await f.db.instance.connect();
    const seen = new Map<number, number>();
    const errors: string[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        try {
          const result = await reader.runAndReadAll('select count(*)::integer as n from main.big');
          const n = Number(result.getRowObjectsJS()[0]?.n);
          seen.set(n, (seen.get(n) ?? 0) + 1);
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
    })();
    try {
      for (let index = 0; index < REBUILDS; index++) {
        const result = await f.run({ vars: { rows: index % 2 === 0 ? ROWS_NEW : ROWS_OLD } });
        expect(result.status).toBe('success');
      }
    } finally {
      polling = false;
      await poll;
      reader.closeSync();
    }
    expect(errors).toEqual([]);
    expect([...seen.keys()].every((n) => n === ROWS_OLD || n === ROWS_NEW)).toBe(true);
    expect([...seen.values()].reduce((sum, count) => sum + count, 0)).toBeGreaterThan(REBUILDS);
    expect(await f.rows('select n::integer as n from main.big_view')).toEqual([{ n: ROWS_OLD }]);
  });
});
