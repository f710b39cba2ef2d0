// `ledgerline demo` without --serve: the database, the summary, and what it refuses to replace.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../ingest/index.ts';
import { runCli, scratchDir } from '../testing.ts';

const scratch = scratchDir();
afterAll(() => scratch.remove());
/** Two small demos; each takes ~30 s on a busy two-core machine (its business documents commit day by day). */
const DEMO_TIMEOUT_MS = 240_000;

function amountAfter(label: string, text: string): string | undefined {
  return new RegExp(`${label}\\s+([\\d,.-]+) EUR`).exec(text)?.[1];
}

describe('ledgerline demo', () => {
  it(
    'builds a demo database, prints a balanced summary, and replaces it on the next run',
    async () => {
      const path = scratch.path('demo.duckdb');
      const first = await runCli(['demo', '--db', path, '--seed', '7']);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/Northwind Fabrication GmbH, fiscal year \d{4} \(scale small, seed 7\)/);
      expect(first.stdout).toMatch(/[\d,]+ journals, [\d,]+ lines/);
      expect(amountAfter('total debits', first.stdout)).toBe(amountAfter('total credits', first.stdout));
      expect(first.stderr).toContain('100% (day');
      // The demo is transformed before it is served: every model built, every test passed.
      expect(first.stdout).toMatch(/^fct_account_balances\s+incremental\s+success\s+[\d,]+\s+\d+$/m);
      expect(first.stdout).toMatch(/tests: \d+ passed, 0 failed, 0 other/);
      expect(first.stdout).toMatch(/Transform success \(full, build\)/);

      const second = await runCli(['demo', '--db', path, '--seed', '7']);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toContain('Replacing the earlier demo database');
      // The same seed gives the same books.
      for (const label of ['total debits', 'revenue', 'net income', 'cash at year end']) {
        expect(amountAfter(label, second.stdout)).toBe(amountAfter(label, first.stdout));
      }
    },
    DEMO_TIMEOUT_MS,
  );

  it('refuses to replace a database that is not a demo, and leaves it untouched', async () => {
    const path = scratch.path('real-books.duckdb');
    expect((await runCli(['init', '--db', path, '--company', 'Real Books GmbH'])).code).toBe(0);
    const run = await runCli(['demo', '--db', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not_a_demo_database');
    expect(existsSync(path)).toBe(true);
    const ledger = await Ledger.open(path);
    expect(ledger.state.settings.companyName).toBe('Real Books GmbH');
    await ledger.close();
  });
});
