// A node's work under Session.guard: a cancelled run stops it whether the signal fires during the work or
// before it starts (while the node still read what it builds on: its abort event is then already over).
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from './session.ts';

/** Long enough that only an interrupt ends it within the test's time. */
const ENDLESS = 'select count(*) from range(100000000000)';
const TIMEOUT_MS = 60_000;

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

describe('Session.guard', () => {
  it('interrupts the work when the signal fires while it runs', async () => {
    const cancel = new AbortController();
    const session = new Session(connection, TIMEOUT_MS, cancel.signal);
    setTimeout(() => cancel.abort(), 50);
    await expect(session.guard('endless', () => session.rows(ENDLESS))).rejects.toMatchObject({
      code: 'cancelled',
      message: 'endless was cancelled',
    });
  });

  it('does not start the work when the signal fired before', async () => {
    const cancel = new AbortController();
    cancel.abort();
    const session = new Session(connection, TIMEOUT_MS, cancel.signal);
    let started = false;
    const work = async () => {
      started = true;
      return session.rows(ENDLESS);
    };
    await expect(session.guard('endless', work)).rejects.toMatchObject({ code: 'cancelled' });
    expect(started).toBe(false);
  });
});
