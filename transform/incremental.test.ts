// Property: any sequence of appends, each followed by an incremental run, ends where a full rebuild does.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, openFixture } from './test-fixture.ts';

const SOURCES = 'version: 2\nsources:\n  - name: facts\n    tables:\n      - name: events\n';
const NEW_KEYS = `where k in (
    select k from {{ source('facts', 'events') }} where seq > (select coalesce(max(seq), 0) from {{ this }})
)`;

const MODELS = {
  'models/sources.yml': SOURCES,
  'models/inc_append.sql': `{{ config(materialized='incremental', incremental_strategy='append') }}
select seq, k, v from {{ source('facts', 'events') }}
{% if is_incremental() %}where seq > (select coalesce(max(seq), 0) from {{ this }}){% endif %}`,
  // Latest value and row count per key: a new event for a key replaces that key's row.
  'models/inc_by_key.sql': `{{ config(materialized='incremental', unique_key='k', incremental_strategy='delete+insert') }}
select k, arg_max(v, seq) as v, max(seq) as seq, count(*) as n
from {{ source('facts', 'events') }}
{% if is_incremental() %}${NEW_KEYS}{% endif %}
group by k`,
  'models/inc_by_pair.sql': `{{ config(materialized='incremental', unique_key=['k', 'grp']) }}
select k, v % 3 as grp, sum(v) as total, max(seq) as seq
from {{ source('facts', 'events') }}
{% if is_incremental() %}${NEW_KEYS}{% endif %}
group by k, v % 3`,
};

const MODEL_NAMES = ['inc_append', 'inc_by_key', 'inc_by_pair'];

let f: Fixture;
beforeAll(async () => {
  f = await openFixture(MODELS);
  await f.exec('create table facts.events (seq bigint not null, k integer not null, v integer not null)');
});
afterAll(async () => {
  await f.dispose();
});

/** Every model's rows as sorted JSON lines, so row order does not matter. */
async function snapshot(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of MODEL_NAMES) {
    const rows = await f.rows(`select * from main.${name}`);
    out[name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return out;
}

async function reset(): Promise<void> {
  await f.exec('delete from facts.events');
  for (const name of MODEL_NAMES) await f.exec(`drop table if exists main.${name}`);
}

const event = fc.record({ k: fc.integer({ min: 0, max: 4 }), v: fc.integer({ min: 0, max: 20 }) });
const batches = fc.array(fc.array(event, { maxLength: 6 }), { minLength: 1, maxLength: 4 });

describe('incremental models', () => {
  it('equal a full rebuild after any sequence of appended facts, for append and delete+insert', async () => {
    await fc.assert(
      fc.asyncProperty(batches, async (appends) => {
        await reset();
        let seq = 0;
        for (const batch of appends) {
          for (const row of batch)
            await f.exec(`insert into facts.events values (${++seq}, ${row.k}, ${row.v})`);
          const result = await f.run({ command: 'run' });
          expect(result.status).toBe('success');
        }
        const incremental = await snapshot();
        await f.run({ command: 'run', full: true });
        expect(incremental).toEqual(await snapshot());
      }),
      { numRuns: 15 },
    );
  });
});
