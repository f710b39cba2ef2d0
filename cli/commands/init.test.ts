// `ledgerline init`: the database file, its settings and the admin credentials.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Ledger, principalForToken, verifyLogin } from '../../ingest/index.ts';
import { runCli, scratchDir } from '../testing.ts';

const scratch = scratchDir();
afterAll(() => scratch.remove());

describe('ledgerline init', () => {
  it('creates the database and prints an admin token and password, saying they are shown once', async () => {
    const path = scratch.path('books.duckdb');
    const run = await runCli(['init', '--db', path, '--company', 'Acme AG']);
    expect(run.code).toBe(0);
    expect(existsSync(path)).toBe(true);
    expect(run.stdout).toMatch(/Admin token: +llt_\S+/);
    expect(run.stdout).toMatch(/Admin password: +\S{10,}/);
    expect(run.stdout).toContain('shown once');
  });

  it('makes LEDGERLINE_ADMIN_TOKEN and LEDGERLINE_ADMIN_PASSWORD the admin credentials', async () => {
    const path = scratch.path('from-env.duckdb');
    const env = {
      LEDGERLINE_ADMIN_TOKEN: 'test-admin-token',
      LEDGERLINE_ADMIN_PASSWORD: 'correct horse battery',
    };
    const run = await runCli(['init', '--db', path], env);
    expect(run.code).toBe(0);
    const ledger = await Ledger.open(path);
    try {
      expect(principalForToken(ledger.state, 'test-admin-token')?.role).toBe('admin');
      expect(await verifyLogin(ledger.state, 'admin', 'correct horse battery')).toBeDefined();
    } finally {
      await ledger.close();
    }
  });

  it('stores the company, currency and fiscal year start it is given', async () => {
    const path = scratch.path('settings.duckdb');
    const run = await runCli([
      'init',
      '--db',
      path,
      '--company',
      'Acme AG',
      '--currency',
      'CHF',
      '--fiscal-year-start',
      '07',
      '--allow-negative-stock',
    ]);
    expect(run.code).toBe(0);
    const ledger = await Ledger.open(path);
    try {
      expect(ledger.state.settings).toMatchObject({
        companyName: 'Acme AG',
        currency: 'CHF',
        fiscalYearStartMonth: 7,
        allowNegativeStock: true,
      });
    } finally {
      await ledger.close();
    }
  });

  it('takes the database path from LEDGERLINE_DB when --db is absent', async () => {
    const path = scratch.path('env-path.duckdb');
    const run = await runCli(['init'], { LEDGERLINE_DB: path });
    expect(run.code).toBe(0);
    expect(existsSync(path)).toBe(true);
  });

  it('fails with exit 1 and already_initialized when run twice on the same file', async () => {
    const path = scratch.path('twice.duckdb');
    expect((await runCli(['init', '--db', path])).code).toBe(0);
    const second = await runCli(['init', '--db', path]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^error: already_initialized: .*twice\.duckdb already exists/);
    expect(second.stdout).toBe('');
  });

  it('rejects a fiscal year start outside 1–12 as a usage error', async () => {
    const run = await runCli(['init', '--db', scratch.path('month.duckdb'), '--fiscal-year-start', '13']);
    expect(run.code).toBe(2);
    expect(existsSync(scratch.path('month.duckdb'))).toBe(false);
  });

  it('rejects a too-short LEDGERLINE_ADMIN_PASSWORD before creating anything', async () => {
    const path = scratch.path('short.duckdb');
    const run = await runCli(['init', '--db', path], { LEDGERLINE_ADMIN_PASSWORD: 'short' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('LEDGERLINE_ADMIN_PASSWORD');
    expect(existsSync(path)).toBe(false);
  });
});
