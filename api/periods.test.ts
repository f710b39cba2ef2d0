// Tests of period close and reopen, and that a closed period refuses postings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journal, json, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi();
});
afterAll(() => api.close());

type PeriodRow = { period: string; status: string; closed_by: string | null; journals: number };

async function periodRow(period: string): Promise<PeriodRow | undefined> {
  const { rows } = await json<{ rows: PeriodRow[] }>(await api.call('GET', '/api/v1/periods'));
  return rows.find((row) => row.period === period);
}

describe('periods', () => {
  it('closes a period, refuses postings inside it with period_is_closed, and accepts them after reopening', async () => {
    const closed = await api.call('POST', '/api/v1/periods/2025-02/close', { body: { reason: 'month end' } });
    expect(closed.status).toBe(200);
    expect(await json(closed)).toEqual({ period: '2025-02', status: 'closed' });
    expect(await periodRow('2025-02')).toMatchObject({ status: 'closed', closed_by: 'admin' });

    const before = await api.count('facts.journal_lines');
    const refused = await api.call('POST', '/api/v1/journals', { body: journal({ date: '2025-02-14' }) });
    expect(refused.status).toBe(422);
    const problem = await json(refused);
    expect(problem.code).toBe('period_is_closed');
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'date', code: 'period_is_closed' })]);
    expect(await api.count('facts.journal_lines')).toBe(before);

    const reopened = await api.call('POST', '/api/v1/periods/2025-02/reopen');
    expect(reopened.status).toBe(200);
    expect(await json(reopened)).toEqual({ period: '2025-02', status: 'open' });
    const accepted = await api.call('POST', '/api/v1/journals', { body: journal({ date: '2025-02-14' }) });
    expect(accepted.status).toBe(201);
    expect(await periodRow('2025-02')).toMatchObject({ status: 'open', journals: 1 });
  });

  it('answers 409 when closing a closed period or reopening an open one', async () => {
    expect((await api.call('POST', '/api/v1/periods/2025-05/close')).status).toBe(200);
    const twice = await api.call('POST', '/api/v1/periods/2025-05/close');
    expect(twice.status).toBe(409);
    expect((await json(twice)).code).toBe('period_already_closed');
    const open = await api.call('POST', '/api/v1/periods/2025-06/reopen');
    expect((await json(open)).code).toBe('period_not_closed');
  });

  it('lists the closed period of a year without postings', async () => {
    expect((await api.call('POST', '/api/v1/periods/2021-03/close')).status).toBe(200);
    expect(await periodRow('2021-03')).toMatchObject({ status: 'closed', journals: 0 });
  });

  it('refuses a period that is not YYYY-MM with 422 invalid_period', async () => {
    const response = await api.call('POST', '/api/v1/periods/2025-13/close');
    expect(response.status).toBe(422);
    expect((await json(response)).errors).toEqual([
      expect.objectContaining({ path: 'period', code: 'invalid_period' }),
    ]);
  });

  it('forbids a sales user from closing a period', async () => {
    const token = await api.tokenFor('sales');
    expect((await api.call('POST', '/api/v1/periods/2025-07/close', { token })).status).toBe(403);
  });
});
