// `ledgerline token create` and `ledgerline user create` against a real database file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger, principalForToken, verifyLogin } from '../../ingest/index.ts';
import { runCli, scratchDir } from '../testing.ts';

const scratch = scratchDir();
const path = scratch.path('access.duckdb');

beforeAll(async () => {
  expect((await runCli(['init', '--db', path])).code).toBe(0);
});
afterAll(() => scratch.remove());

async function inspect<T>(work: (ledger: Ledger) => Promise<T> | T): Promise<T> {
  const ledger = await Ledger.open(path);
  try {
    return await work(ledger);
  } finally {
    await ledger.close();
  }
}

describe('ledgerline token create', () => {
  it('prints only the new token on standard output, and the token carries its role', async () => {
    const run = await runCli(['token', 'create', '--role', 'finance', '--name', 'ci-export', '--db', path]);
    expect(run.code).toBe(0);
    const token = run.stdout.trim();
    expect(token).toMatch(/^llt_\S+$/);
    expect(run.stderr).toContain('shown once');
    const principal = await inspect((ledger) => principalForToken(ledger.state, token));
    expect(principal).toEqual({ name: 'ci-export', role: 'finance' });
  });

  it('rejects an unknown role as a usage error', async () => {
    const run = await runCli(['token', 'create', '--role', 'boss', '--name', 'ci', '--db', path]);
    expect(run.code).toBe(2);
  });

  it('rejects a malformed name as a usage error that names the field', async () => {
    const run = await runCli(['token', 'create', '--role', 'sales', '--name', 'has spaces', '--db', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name: invalid_name');
  });
});

describe('ledgerline user create', () => {
  it('creates a user who can sign in with the generated password it prints once', async () => {
    const run = await runCli(['user', 'create', '--name', 'alice', '--role', 'sales', '--db', path]);
    expect(run.code).toBe(0);
    const password = run.stdout.trim();
    expect(password.length).toBeGreaterThanOrEqual(10);
    const principal = await inspect((ledger) => verifyLogin(ledger.state, 'alice', password));
    expect(principal).toEqual({ name: 'alice', role: 'sales' });
  });

  it('takes the password from LEDGERLINE_USER_PASSWORD and never prints it', async () => {
    const env = { LEDGERLINE_USER_PASSWORD: 'from the environment' };
    const run = await runCli(['user', 'create', '--name', 'bob', '--role', 'hr', '--db', path], env);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('from the environment');
    expect(await inspect((ledger) => verifyLogin(ledger.state, 'bob', 'from the environment'))).toBeDefined();
  });

  it('prefers --password over the environment', async () => {
    const argv = [
      'user',
      'create',
      '--name',
      'carol',
      '--role',
      'executive',
      '--password',
      'flag password 1',
    ];
    const run = await runCli([...argv, '--db', path], { LEDGERLINE_USER_PASSWORD: 'env password 1' });
    expect(run.code).toBe(0);
    expect(await inspect((ledger) => verifyLogin(ledger.state, 'carol', 'flag password 1'))).toBeDefined();
  });

  it('refuses a second user with the same name (exit 1, user_exists)', async () => {
    const argv = ['user', 'create', '--name', 'alice', '--role', 'finance', '--password', 'another password'];
    const run = await runCli([...argv, '--db', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: user_exists: user alice already exists\n$/);
  });

  it('refuses a password shorter than ten characters as a usage error', async () => {
    const argv = ['user', 'create', '--name', 'dave', '--role', 'hr', '--password', 'short', '--db', path];
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('password_too_short');
  });
});
