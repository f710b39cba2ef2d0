// Tests of authentication (tokens, session cookies) and role checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, cookieFrom, journal, json, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi();
});
afterAll(() => api.close());

const login = (body: unknown, query = '') => api.call('POST', `/login${query}`, { token: null, body });

describe('authentication', () => {
  it('refuses a request without credentials with 401, a problem and a Bearer challenge', async () => {
    const response = await api.call('GET', '/api/v1/journals', { token: null });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await json(response)).toMatchObject({ status: 401, code: 'credentials_required', errors: [] });
  });

  it('refuses an unknown bearer token with 401 invalid_token', async () => {
    const response = await api.call('GET', '/api/v1/me', { token: 'llt_not-a-token' });
    expect(response.status).toBe(401);
    expect((await json(response)).code).toBe('invalid_token');
  });

  it('forbids an executive from posting a journal with 403 and writes nothing', async () => {
    const token = await api.tokenFor('executive');
    const before = await api.count('facts.journal_lines');
    const response = await api.call('POST', '/api/v1/journals', { token, body: journal() });
    expect(response.status).toBe(403);
    expect((await json(response)).code).toBe('role_not_allowed');
    expect(await api.count('facts.journal_lines')).toBe(before);
  });

  it('lets an executive read journals and periods', async () => {
    const token = await api.tokenFor('executive');
    expect((await api.call('GET', '/api/v1/journals', { token })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/periods', { token })).status).toBe(200);
    expect(await json(await api.call('GET', '/api/v1/me', { token }))).toMatchObject({
      role: 'executive',
      via: 'token',
    });
  });
});

describe('sessions', () => {
  it('signs in with a password and the session cookie then authenticates reads', async () => {
    const response = await login({ name: 'admin', password: ADMIN_PASSWORD });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ name: 'admin', role: 'admin' });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=43200/);
    const cookie = cookieFrom(response, 'ledgerline_session');
    const me = await api.call('GET', '/api/v1/me', { token: null, headers: { Cookie: cookie } });
    expect(me.status).toBe(200);
    expect(await json(me)).toEqual({ name: 'admin', role: 'admin', via: 'session' });
  });

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const response = await login({ name: 'admin', password: 'wrong-password' });
    expect(response.status).toBe(401);
    expect((await json(response)).code).toBe('invalid_credentials');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('does not accept a cookie whose signature was tampered with', async () => {
    const cookie = cookieFrom(await login({ name: 'admin', password: ADMIN_PASSWORD }), 'ledgerline_session');
    const [value = '', signature = ''] = cookie.split('.');
    const forged = `${value.slice(0, -2)}xx.${signature}`;
    const response = await api.call('GET', '/api/v1/me', { token: null, headers: { Cookie: forged } });
    expect(response.status).toBe(401);
  });

  it('redirects a form sign-in to its relative next path with 303', async () => {
    const response = await api.call('POST', '/login?next=/dashboards/sales', {
      token: null,
      raw: new URLSearchParams({ name: 'admin', password: ADMIN_PASSWORD }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboards/sales');
    expect(cookieFrom(response, 'ledgerline_session')).toBeTruthy();
  });

  it('refuses a next that leaves the site', async () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const response = await login(
        { name: 'admin', password: ADMIN_PASSWORD },
        `?next=${encodeURIComponent(next)}`,
      );
      expect(response.status).toBe(422);
      expect((await json(response)).code).toBe('next_not_relative');
    }
  });

  it('signs out by clearing the cookie', async () => {
    const response = await api.call('POST', '/logout', { token: null });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/ledgerline_session=;.*Max-Age=0/);
  });
});
