import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_FAILURES_MAX, LOGIN_WINDOW_MS, LoginThrottle } from './login-throttle.ts';
import { ADMIN_PASSWORD, openTestApi, type TestApi } from './testing.ts';

describe('LoginThrottle', () => {
  it('refuses a name after too many failures and lets it try again once the window has passed', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(() => now);
    for (let attempt = 0; attempt < LOGIN_FAILURES_MAX; attempt++) throttle.fail('alice');
    expect(throttle.retryAfterMs('alice')).toBe(LOGIN_WINDOW_MS);
    expect(throttle.retryAfterMs('bob')).toBe(0);
    now += LOGIN_WINDOW_MS + 1;
    expect(throttle.retryAfterMs('alice')).toBe(0);
  });

  it('forgets failures after a successful sign-in', () => {
    const throttle = new LoginThrottle();
    for (let attempt = 0; attempt < LOGIN_FAILURES_MAX - 1; attempt++) throttle.fail('carol');
    throttle.succeed('carol');
    throttle.fail('carol');
    expect(throttle.retryAfterMs('carol')).toBe(0);
  });
});

describe('POST /login throttling', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi();
  });
  afterAll(() => api.close());

  it('answers 429 with Retry-After once a name has failed too often, even with the right password', async () => {
    for (let attempt = 0; attempt < LOGIN_FAILURES_MAX; attempt++) {
      const wrong = await api.call('POST', '/login', {
        token: null,
        body: { name: 'admin', password: 'nope-nope-nope' },
      });
      expect(wrong.status).toBe(401);
    }
    const blocked = await api.call('POST', '/login', {
      token: null,
      body: { name: 'admin', password: ADMIN_PASSWORD },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ code: 'too_many_attempts' });
  });
});
