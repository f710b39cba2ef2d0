// Opening a database file that another process holds, as a running server does.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './testing.ts';

const scratch = scratchDir();
const path = scratch.path('locked.duckdb');
let holder: ChildProcess;

/** Another process that opens the file and keeps it, as a running `ledgerline serve` would. */
const HOLD_THE_FILE = `
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(process.argv[1]);
  await instance.connect();
  process.stdout.write('holding\\n');
  setInterval(() => {}, 1000);
`;

beforeAll(async () => {
  expect((await runCli(['init', '--db', path])).code).toBe(0);
  holder = spawn(process.execPath, ['--input-type=module', '-e', HOLD_THE_FILE, path], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await once(holder.stdout as NodeJS.ReadableStream, 'data');
});

afterAll(async () => {
  holder.kill('SIGTERM');
  scratch.remove();
});

describe('opening a database that another process owns', () => {
  it('says that a server already owns the file, in one line, with exit 1', async () => {
    const run = await runCli(['token', 'create', '--role', 'finance', '--name', 'ci', '--db', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: database_locked: .*locked by another process \(PID \d+\): a Ledgerline server/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
