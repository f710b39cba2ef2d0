// Tests of the journals area: posting, reading, listing with filters and pages, batches, reversals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_ROWS_MAX } from './limits.ts';
import { journal, json, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi();
});
afterAll(() => api.close());

type Posted = { id: string; number: string; journal: { total: string; date: string; line_count: number } };
type Page = {
  total: number;
  limit: number;
  offset: number;
  rows: Array<{ number: string; reference: string | null }>;
};

async function post(body: unknown): Promise<Posted> {
  const response = await api.call('POST', '/api/v1/journals', { body });
  expect(response.status).toBe(201);
  return json<Posted>(response);
}

describe('posting and reading journals', () => {
  it('posts a journal and reads it back with exact decimal amounts', async () => {
    const response = await api.call('POST', '/api/v1/journals', { body: journal({ memo: 'rent' }, 1234.5) });
    expect(response.status).toBe(201);
    const posted = await json<Posted>(response);
    expect(posted.number).toMatch(/^JV-2025-\d{6}$/);
    expect(posted.id).toBe(posted.number);
    expect(posted.journal).toMatchObject({ total: '1234.50', date: '2025-01-15', line_count: 2 });
    expect(response.headers.get('location')).toBe(`/api/v1/journals/${posted.number}`);
    const read = await json(await api.call('GET', `/api/v1/journals/${posted.number}`));
    expect(read).toMatchObject({ number: posted.number, memo: 'rent', total: '1234.50', reversed_by: null });
    expect(read.lines).toEqual([
      expect.objectContaining({
        line_no: 1,
        account: '6310',
        debit: '1234.50',
        credit: '0.00',
        department: 'ADM',
      }),
      expect.objectContaining({ line_no: 2, account: '1130', debit: '0.00', credit: '1234.50' }),
    ]);
  });

  it('answers 404 journal_not_found for an unknown number', async () => {
    const response = await api.call('GET', '/api/v1/journals/JV-1999-000001');
    expect(response.status).toBe(404);
    expect((await json(response)).code).toBe('journal_not_found');
  });

  it('lists journals filtered by date, account and reference, and pages through them', async () => {
    for (let index = 0; index < 5; index++)
      await post(journal({ date: '2025-03-10', reference: 'PAGE-TEST' }));
    await post({
      date: '2025-03-20',
      reference: 'OTHER',
      lines: [
        { account: '1110', debit: '5.00' },
        { account: '1130', credit: '5.00' },
      ],
    });
    const filtered = await json<Page>(
      await api.call('GET', '/api/v1/journals?reference=PAGE-TEST&limit=2&offset=0'),
    );
    expect(filtered).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(filtered.rows).toHaveLength(2);
    const last = await json<Page>(
      await api.call('GET', '/api/v1/journals?reference=PAGE-TEST&limit=2&offset=4'),
    );
    expect(last.rows).toHaveLength(1);
    const seen = new Set([...filtered.rows, ...last.rows].map((row) => row.number));
    expect(seen.size).toBe(3);
    const byAccount = await json<Page>(await api.call('GET', '/api/v1/journals?account=1110'));
    expect(byAccount.rows.map((row) => row.reference)).toEqual(['OTHER']);
    const byDate = await json<Page>(await api.call('GET', '/api/v1/journals?from=2025-03-15&to=2025-03-31'));
    expect(byDate.total).toBe(1);
    const defaults = await json<Page>(await api.call('GET', '/api/v1/journals'));
    expect(defaults).toMatchObject({ limit: 50, offset: 0 });
  });

  it('refuses a page larger than PAGE_ROWS_MAX, an unknown filter and a bad date with 422', async () => {
    const tooMany = await api.call('GET', `/api/v1/journals?limit=${PAGE_ROWS_MAX + 1}`);
    expect(tooMany.status).toBe(422);
    expect((await json(tooMany)).errors).toEqual([
      expect.objectContaining({ path: 'limit', code: 'too_big' }),
    ]);
    const unknown = await api.call('GET', '/api/v1/journals?acount=1110');
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(await json(unknown))).toContain('acount');
    const badDate = await api.call('GET', '/api/v1/journals?from=2025-02-30');
    expect((await json(badDate)).errors).toEqual([
      expect.objectContaining({ path: 'from', code: 'invalid_date' }),
    ]);
  });
});

describe('batches', () => {
  it('posts a batch where one bad journal does not reject its neighbours', async () => {
    const before = await api.count('facts.journal_lines');
    const bad = journal({}, '0.00');
    const response = await api.call('POST', '/api/v1/journals/batch', {
      body: { journals: [journal(), bad, journal({ unknown_field: 1 }), journal({ date: '2025-04-01' })] },
    });
    expect(response.status).toBe(200);
    const result = await json<{
      accepted: number;
      rejected: number;
      results: Array<Record<string, unknown>>;
    }>(response);
    expect(result).toMatchObject({ accepted: 2, rejected: 2 });
    expect(result.results.map((item) => item.status)).toEqual([
      'accepted',
      'rejected',
      'rejected',
      'accepted',
    ]);
    expect(result.results[1]).toMatchObject({ index: 1, code: 'rules_violated' });
    expect(result.results[2]?.errors).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    expect(await api.count('facts.journal_lines')).toBe(before + 4);
  });

  it('refuses an empty batch with 422', async () => {
    const response = await api.call('POST', '/api/v1/journals/batch', { body: { journals: [] } });
    expect(response.status).toBe(422);
  });
});

describe('reversals', () => {
  it('reverses a journal once, then answers 409 journal_already_reversed', async () => {
    const original = await post(journal({}, '42.00'));
    const path = `/api/v1/journals/${original.number}/reverse`;
    const first = await api.call('POST', path, { body: { memo: 'wrong account' } });
    expect(first.status).toBe(201);
    const reversal = await json<Posted & { reverses: string }>(first);
    expect(reversal.reverses).toBe(original.number);
    const lines = (await json(await api.call('GET', `/api/v1/journals/${reversal.number}`))).lines;
    expect(lines).toEqual([
      expect.objectContaining({ account: '6310', debit: '0.00', credit: '42.00' }),
      expect.objectContaining({ account: '1130', debit: '42.00', credit: '0.00' }),
    ]);
    const again = await api.call('POST', path);
    expect(again.status).toBe(409);
    expect((await json(again)).code).toBe('journal_already_reversed');
  });

  it('answers 404 when reversing an unknown journal', async () => {
    const response = await api.call('POST', '/api/v1/journals/JV-2025-999999/reverse', { body: {} });
    expect(response.status).toBe(404);
    expect((await json(response)).code).toBe('journal_not_found');
  });
});
