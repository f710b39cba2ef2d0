// The fixed-assets routes: register (idempotent), read back, depreciation runs, disposal, refusals and roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, openTestApi, type TestApi } from './testing.ts';

type Body = Record<string, unknown>;
type Problem = { code: string; errors: Array<{ path: string; code: string }> };

/** SLN (12000 − 1200) / 5 = 2160 a year = 180.00 a month from January 2025. */
const LATHE = {
  name: 'CNC lathe',
  category: 'machinery',
  cost: '12000.00',
  salvage_value: '1200.00',
  useful_life_years: 5,
  start_date: '2025-01-15',
  method: 'straight_line',
  department: 'PRD',
  acquisition: { credit_account: '2110', date: '2025-01-10' },
};

let api: TestApi;
let finance: string;
let executive: string;
let number: string;

beforeAll(async () => {
  api = await openTestApi();
  finance = await api.tokenFor('finance');
  executive = await api.tokenFor('executive');
});
afterAll(() => api.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  api.call('POST', path, { body, headers, token: finance });

async function refused(response: Response, status: number): Promise<Problem> {
  expect(response.status).toBe(status);
  return json<Problem>(response);
}

describe('fixed assets over the API', () => {
  it('registers an asset with its acquisition journal, once per Idempotency-Key', async () => {
    const first = await post('/api/v1/assets', LATHE, { 'Idempotency-Key': 'lathe-1' });
    expect(first.status).toBe(201);
    const body = await json<Body>(first);
    number = String(body.number);
    expect(number).toBe('FA-2025-000001');
    expect(first.headers.get('location')).toBe(`/api/v1/assets/${number}`);
    expect(body).toMatchObject({
      asset: { cost: '12000.00', method: 'straight_line' },
      journal: { total: '12000.00' },
    });
    const replay = await post('/api/v1/assets', LATHE, { 'Idempotency-Key': 'lathe-1' });
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(await json(replay)).toEqual(body);
    expect(await api.count('facts.assets')).toBe(1);
    const reused = await post(
      '/api/v1/assets',
      { ...LATHE, name: 'Other' },
      { 'Idempotency-Key': 'lathe-1' },
    );
    expect((await refused(reused, 409)).code).toBe('idempotency_key_reused');
  });

  it('refuses an invalid asset with 422 naming every field at fault, writing nothing', async () => {
    const response = await post('/api/v1/assets', {
      ...LATHE,
      useful_life_years: 0,
      method: 'guess',
      colour: 'red',
    });
    const problem = await refused(response, 422);
    expect(problem.errors.map((error) => error.path).sort()).toEqual([
      'colour',
      'method',
      'useful_life_years',
    ]);
    const negative = await refused(await post('/api/v1/assets', { ...LATHE, cost: '-5' }), 422);
    expect(negative.errors).toContainEqual(
      expect.objectContaining({ path: 'cost', code: 'cost_must_be_positive' }),
    );
    expect(await api.count('facts.assets')).toBe(1);
  });

  it('posts the depreciation of a period once, then answers nothing_to_post', async () => {
    const run = await post('/api/v1/depreciation-runs', { period: '2025-01' });
    expect(run.status).toBe(201);
    const body = await json<Body>(run);
    expect(body).toMatchObject({ status: 'posted', asset_count: 1, total: '180.00' });
    expect(run.headers.get('location')).toBe(`/api/v1/journals/${body.number}`);
    const again = await post('/api/v1/depreciation-runs', { period: '2025-01' });
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBeNull();
    expect(await json(again)).toMatchObject({ status: 'nothing_to_post', earlier_runs: [body.number] });
    const bad = await refused(await post('/api/v1/depreciation-runs', { period: '2025-13' }), 422);
    expect(bad.errors).toEqual([expect.objectContaining({ path: 'period', code: 'invalid_period' })]);
  });

  it('reads the register, one asset and its schedule; any signed-in role may', async () => {
    const register = await api.call('GET', '/api/v1/assets?as_of=2025-01-31&department=PRD', {
      token: executive,
    });
    expect(register.status).toBe(200);
    expect(await json(register)).toMatchObject({
      as_of: '2025-01-31',
      total: 1,
      totals: { assets_on_books: 1, cost: '12000.00', accumulated_depreciation: '180.00' },
      rows: [{ number, status: 'in_use', net_book_value: '11820.00' }],
    });
    const none = await json<Body>(await api.call('GET', '/api/v1/assets?as_of=2025-01-31&category=vehicles'));
    expect(none.total).toBe(0);
    const asset = await api.call('GET', `/api/v1/assets/${number}`, { token: executive });
    expect(await json(asset)).toMatchObject({ number, status: 'registered', net_book_value: '11820.00' });
    const schedule = await json<{ periods: Body[] }>(
      await api.call('GET', `/api/v1/assets/${number}/schedule`, { token: executive }),
    );
    expect(schedule.periods[0]).toMatchObject({ period: '2025-01', planned: '180.00', posted: '180.00' });
    expect(schedule.periods).toHaveLength(60);
  });

  it('refuses a register without as_of, and an unknown asset with 404', async () => {
    const missing = await refused(await api.call('GET', '/api/v1/assets?limit=10'), 422);
    expect(missing.errors).toEqual([expect.objectContaining({ path: 'as_of' })]);
    const unknown = await refused(await api.call('GET', '/api/v1/assets/FA-2025-999999'), 404);
    expect(unknown.code).toBe('asset_not_found');
    expect((await refused(await api.call('GET', '/api/v1/assets/FA-2025-999999/schedule'), 404)).code).toBe(
      'asset_not_found',
    );
  });

  it('disposes of the asset with its gain, and refuses a second disposal with 409', async () => {
    const disposal = { date: '2025-01-31', proceeds: '12000.00', proceeds_account: '1130' };
    const response = await post(`/api/v1/assets/${number}/dispose`, disposal);
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    expect(body).toMatchObject({ asset: number, net_book_value: '11820.00', gain_loss: '180.00' });
    expect(response.headers.get('location')).toBe(`/api/v1/journals/${body.number}`);
    const twice = await refused(await post(`/api/v1/assets/${number}/dispose`, disposal), 409);
    expect(twice.code).toBe('asset_already_disposed');
    const noAccount = await refused(
      await post(`/api/v1/assets/${number}/dispose`, { date: '2025-02-01', proceeds: '1.00' }),
      422,
    );
    expect(noAccount.errors).toEqual([expect.objectContaining({ path: 'proceeds_account' })]);
  });

  it('forbids read-only and other roles to post assets or runs', async () => {
    const sales = await api.tokenFor('sales');
    for (const token of [executive, sales]) {
      const asset = await api.call('POST', '/api/v1/assets', { token, body: LATHE });
      expect(asset.status).toBe(403);
      const run = await api.call('POST', '/api/v1/depreciation-runs', { token, body: { period: '2025-02' } });
      expect(run.status).toBe(403);
    }
  });
});
