// The command line as a whole: usage errors, help, exit codes.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, scratchDir } from './testing.ts';

const scratch = scratchDir();
afterAll(() => scratch.remove());

describe('the ledgerline command line', () => {
  it('exits 2 and names the culprit when the command is unknown', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });

  it('suggests the nearest command for a typo', async () => {
    const run = await runCli(['int']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Did you mean init?');
  });

  it('exits 2 when a required option is missing', async () => {
    const run = await runCli(['token', 'create', '--name', 'ci', '--db', scratch.path('x.duckdb')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '--role <role>' not specified");
  });

  it('exits 2 when an option value is not one of its choices', async () => {
    const run = await runCli(['demo', '--scale', 'huge', '--db', scratch.path('demo.duckdb')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Allowed choices are small, medium, large');
  });

  it('prints help and exits 0 for --help', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['init', 'serve', 'demo', 'token', 'user']) expect(run.stdout).toContain(command);
  });

  it('exits 1 with one line, and creates nothing, when the database does not exist', async () => {
    const path = scratch.path('missing.duckdb');
    const run = await runCli(['token', 'create', '--role', 'finance', '--name', 'ci', '--db', path]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('database_not_found');
    expect(existsSync(path)).toBe(false);
  });
});
