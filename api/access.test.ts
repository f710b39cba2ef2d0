// Tests of users, tokens and the chart of accounts through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi();
});
afterAll(() => api.close());

describe('users and tokens', () => {
  it('lets an admin create a user who can then sign in, and refuses the same name twice', async () => {
    const user = { name: 'fiona', role: 'finance', password: 'correct-horse-battery' };
    const created = await api.call('POST', '/api/v1/users', { body: user });
    expect(created.status).toBe(201);
    expect(await json(created)).toEqual({ name: 'fiona', role: 'finance' });
    const again = await api.call('POST', '/api/v1/users', { body: user });
    expect(again.status).toBe(409);
    expect((await json(again)).code).toBe('user_exists');
    const login = await api.call('POST', '/login', {
      token: null,
      body: { name: 'fiona', password: user.password },
    });
    expect(await json(login)).toEqual({ name: 'fiona', role: 'finance' });
  });

  it('refuses a short password and an unknown role, naming each field', async () => {
    const response = await api.call('POST', '/api/v1/users', {
      body: { name: 'sam', role: 'boss', password: 'short' },
    });
    expect(response.status).toBe(422);
    const paths = (await json<{ errors: Array<{ path: string; code: string }> }>(response)).errors.map(
      (error) => `${error.path}:${error.code}`,
    );
    expect(paths).toEqual(expect.arrayContaining(['role:invalid_value', 'password:password_too_short']));
  });

  it('creates a token as admin and the new token works with its role', async () => {
    const created = await api.call('POST', '/api/v1/tokens', { body: { name: 'importer', role: 'finance' } });
    expect(created.status).toBe(201);
    const { token, ...rest } = await json<{ token: string; name: string; role: string }>(created);
    expect(rest).toEqual({ name: 'importer', role: 'finance' });
    expect(token).toMatch(/^llt_/);
    const me = await api.call('GET', '/api/v1/me', { token });
    expect(await json(me)).toEqual({ name: 'importer', role: 'finance', via: 'token' });
    const forbidden = await api.call('POST', '/api/v1/tokens', {
      token,
      body: { name: 'sneaky', role: 'admin' },
    });
    expect(forbidden.status).toBe(403);
  });
});

describe('accounts', () => {
  it('lists the chart of accounts with its statement mapping', async () => {
    const { rows } = await json<{ rows: Array<Record<string, unknown>> }>(
      await api.call('GET', '/api/v1/accounts'),
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.find((row) => row.code === '1130')).toMatchObject({
      type: 'asset',
      statement: 'balance_sheet',
    });
  });

  it('adds an account as finance, then lists it; a second time answers 409', async () => {
    const token = await api.tokenFor('finance');
    const body = { code: '1160', name: 'Bank - Deposit Account', type: 'asset', parent_code: '1100' };
    const created = await api.call('POST', '/api/v1/accounts', { token, body });
    expect(created.status).toBe(201);
    expect(await json(created)).toMatchObject({
      code: '1160',
      normal_balance: 'debit',
      cash_flow_category: 'cash',
    });
    const { rows } = await json<{ rows: Array<{ code: string }> }>(await api.call('GET', '/api/v1/accounts'));
    expect(rows.map((row) => row.code)).toContain('1160');
    expect((await api.call('POST', '/api/v1/accounts', { token, body })).status).toBe(409);
  });

  it('forbids an inventory user from adding an account', async () => {
    const token = await api.tokenFor('inventory');
    const body = { code: '1170', name: 'Other bank', type: 'asset', parent_code: '1100' };
    expect((await api.call('POST', '/api/v1/accounts', { token, body })).status).toBe(403);
  });
});
