// Which ready node runs first: the longest expected path to the end of the run, from the last run's timings.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../ingest/db/database.ts';
import { criticalPaths, UNMEASURED_NODE_MS } from './priority.ts';
import { runTransform } from './run.ts';
import { type Fixture, openFixture } from './test-fixture.ts';
import type { ProgressEvent } from './types.ts';

describe('criticalPaths', () => {
  it('adds to each node the longest of the paths behind it', () => {
    // a -> b -> c, a -> d; e alone.
    const parents = new Map([
      ['b', ['a']],
      ['c', ['b']],
      ['d', ['a']],
    ]);
    const ms: Record<string, number> = { a: 1, b: 10, c: 5, d: 40, e: 30 };
    const priority = criticalPaths(['a', 'e', 'b', 'd', 'c'], parents, (id) => ms[id] ?? 0);
    expect(Object.fromEntries(priority)).toEqual({ a: 41, b: 15, c: 5, d: 40, e: 30 });
  });

  it('counts a chain by its length when nothing was measured', () => {
    const parents = new Map([
      ['y', ['x']],
      ['z', ['y']],
    ]);
    const priority = criticalPaths(['x', 'w', 'y', 'z'], parents, () => UNMEASURED_NODE_MS);
    expect(priority.get('x')).toBe(3 * UNMEASURED_NODE_MS);
    expect(priority.get('w')).toBe(UNMEASURED_NODE_MS);
  });
});

describe('the run order', () => {
  const MODELS = {
    // A chain of three quick views, and a chain of two slow tables: unmeasured, the longer chain goes first.
    'models/aaa_one.sql': 'select 1 as n',
    'models/aaa_two.sql': "select n + 1 as n from {{ ref('aaa_one') }}",
    'models/aaa_three.sql': "select n + 1 as n from {{ ref('aaa_two') }}",
    'models/zz_slow.sql': "{{ config(materialized='table') }}select count(*) as n from range(60000000)",
    'models/zz_after_slow.sql':
      "{{ config(materialized='table') }}select n + 1 as n from {{ ref('zz_slow') }}",
  };
  let f: Fixture;
  beforeEach(async () => {
    f = await openFixture(MODELS, 'ledger.duckdb');
  });
  afterEach(async () => {
    await f.dispose();
  });

  /** The models of one run in the order they ran (one lane, so in the order they started). */
  async function modelOrder(db: Database): Promise<string[]> {
    const events: ProgressEvent[] = [];
    const options = { testLanes: 0, modelLanes: 1, onProgress: (event: ProgressEvent) => events.push(event) };
    await runTransform(db, await f.load(), options);
    return events.filter((event) => event.type === 'model').map((event) => event.node as string);
  }

  it('starts the slow chain first once a run has measured it, in this process and from history', async () => {
    expect((await modelOrder(f.db))[0]).toBe('aaa_one');
    expect((await modelOrder(f.db))[0]).toBe('zz_slow');
    // Another process on the same file has no timings in memory: it reads them from the run history.
    const path = join(f.root, 'ledger.duckdb');
    await f.db.close();
    const reopened = await Database.open(path);
    try {
      expect((await modelOrder(reopened))[0]).toBe('zz_slow');
    } finally {
      await reopened.close();
    }
  });
});
