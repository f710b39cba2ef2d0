// The proof of a unique test's pass: it must agree with dbt's own query on every integer column, and decide
// nothing on the others.
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from './session.ts';
import { provedUnique } from './unique-proof.ts';

const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

let instance: DuckDBInstance;
let connection: DuckDBConnection;
let session: Session;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  session = new Session(connection, 60_000, undefined);
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** A table `keys (k <type>)` holding `values` (null for SQL NULL). */
async function keysTable(type: string, values: Array<bigint | null>): Promise<void> {
  await session.run(`create or replace table keys (k ${type})`);
  if (values.length === 0) return;
  const literals = values.map((value) => (value === null ? '(null)' : `(${value})`)).join(', ');
  await session.run(`insert into keys values ${literals}`);
}

/** dbt's verdict: no non-null value occurs twice. */
async function dbtPasses(): Promise<boolean> {
  const failing = await session.rows('select k from keys where k is not null group by k having count(*) > 1');
  return failing.length === 0;
}

describe('provedUnique', () => {
  it('agrees with the group-by query on random BIGINT keys, negatives and extremes included', async () => {
    const key = fc.oneof(
      fc.bigInt({ min: -200n, max: 200n }),
      fc.bigInt({ min: BIGINT_MIN, max: BIGINT_MAX }),
      fc.constantFrom(BIGINT_MIN, BIGINT_MAX, -1n, 0n, 63n, 64n, -64n, -65n),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(key, { freq: 8 }), { maxLength: 300 }), async (values) => {
        await keysTable('bigint', values);
        const target = { model: 'keys', column: 'k' };
        expect(await provedUnique(session, target)).toBe(await dbtPasses());
      }),
      { numRuns: 150 },
    );
  });

  it('proves a long run of consecutive keys unique, and sees one repeated key among them', async () => {
    await session.run('create or replace table keys as select range as k from range(100000)');
    expect(await provedUnique(session, { model: 'keys', column: 'k' })).toBe(true);
    await session.run('insert into keys values (77777)');
    expect(await provedUnique(session, { model: 'keys', column: 'k' })).toBe(false);
  });

  it('reads small integer types and a filtered subquery as dbt writes a where: config', async () => {
    await keysTable('integer', [1n, 2n, 2n, 3n]);
    expect(await provedUnique(session, { model: 'keys', column: 'k' })).toBe(false);
    const filtered = { model: '(select * from keys where k <> 2) dbt_subquery', column: 'k' };
    expect(await provedUnique(session, filtered)).toBe(true);
    await keysTable('smallint', [-3n, 3n, null, null]);
    expect(await provedUnique(session, { model: 'keys', column: 'k' })).toBe(true);
  });

  it('leaves a column it cannot plan to the test’s own query', async () => {
    await keysTable('bigint', [1n]);
    expect(await provedUnique(session, { model: 'keys', column: 'no_such_column' })).toBe(false);
    expect(await provedUnique(session, { model: 'no_such_table', column: 'k' })).toBe(false);
  });

  it('decides nothing for columns that are not integers that fit BIGINT', async () => {
    for (const type of ['varchar', 'double', 'decimal(18, 2)', 'hugeint', 'ubigint']) {
      await keysTable(type, [1n, 2n, 3n]);
      expect(await provedUnique(session, { model: 'keys', column: 'k' }), type).toBe(false);
    }
  });
});
