// `ledgerline transform`: the summary table, --select, and exit codes (0 built, 1 failed, 2 usage).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchDir } from '../testing.ts';

const scratch = scratchDir();
const db = scratch.path('books.duckdb');
beforeAll(async () => {
  expect((await runCli(['init', '--db', db])).code).toBe(0);
});
afterAll(() => scratch.remove());

/** The table's row for `model`: its cells split on runs of spaces. */
function rowOf(stdout: string, model: string): string[] | undefined {
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/))
    .find((cells) => cells[0] === model);
}

describe('ledgerline transform', () => {
  it('exits 1, naming the failures, when tests run before the marts exist', async () => {
    const run = await runCli(['transform', '--db', db, '--test-only']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/tests: \d+ passed, [1-9]\d* failed/);
    expect(run.stdout).toMatch(/^ {2}FAIL unique_stg_ref__roles_role: Catalog Error: .*does not exist\.$/m);
    expect(run.stderr).toContain('error: transform_failed: the transform failed');
  });

  it('builds every model, prints a table of models with status, rows and ms, and exits 0', async () => {
    const run = await runCli(['transform', '--db', db, '--full']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^model\s+kind\s+status\s+rows\s+ms$/m);
    expect(rowOf(run.stdout, 'fct_journal_lines')?.slice(0, 3)).toEqual([
      'fct_journal_lines',
      'incremental',
      'success',
    ]);
    expect(rowOf(run.stdout, 'dim_accounts')?.[3]).toMatch(/^\d+$/);
    expect(run.stdout).toMatch(/tests: \d+ passed, 0 failed, 0 other/);
    expect(run.stdout).toMatch(/Transform success \(full, build\)/);
    // Without a terminal, progress comes as plain lines on standard error.
    expect(run.stderr).toMatch(/^\s+\d+\/\d+ model dim_dates success \(\d+ ms\)$/m);
  });

  it('runs only what --select names', async () => {
    const run = await runCli(['transform', '--db', db, '--select', 'dim_accounts', 'stg_ref__roles']);
    expect(run.code, run.stderr).toBe(0);
    expect(rowOf(run.stdout, 'dim_accounts')?.[2]).toBe('success');
    expect(rowOf(run.stdout, 'stg_ref__roles')?.[2]).toBe('success');
    expect(rowOf(run.stdout, 'fct_journal_lines')).toBeUndefined();
  });

  it('exits 2 for a malformed selector or vars, and 1 for a selector that matches nothing', async () => {
    expect((await runCli(['transform', '--db', db, '--select', 'a,b'])).code).toBe(2);
    expect((await runCli(['transform', '--db', db, '--vars', '[1, 2]'])).code).toBe(2);
    const nothing = await runCli(['transform', '--db', db, '--select', 'no_such_model']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('selector_matches_nothing');
  });
});
