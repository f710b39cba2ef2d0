// The freshness helper report routes use: fields and headers saying how fresh the answer is, fresh=true first.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from './env.ts';
import { FreshQuery, freshJson, LAST_FACT_SEQ_HEADER, REFRESHED_AT_HEADER } from './freshness.ts';
import { journal, json, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;
let report: Hono<AppEnv>;
beforeAll(async () => {
  api = await openTestApi();
  // A stand-in for a statement route: reads a mart, answers through freshJson.
  report = new Hono<AppEnv>().get('/lines', async (c) => {
    const { fresh } = FreshQuery.parse(c.req.query());
    return freshJson(c, api.schedules, fresh, async () => ({
      rows: await api.ledger.db.query('select count(*)::integer as lines from marts.fct_journal_lines'),
    }));
  });
});
afterAll(() => api.close());

describe('freshJson', () => {
  it('refreshes first with fresh=true and states the watermark in the body and the headers', async () => {
    await api.call('POST', '/api/v1/journals', { body: journal() });
    const response = await report.request('/lines?fresh=true');
    expect(response.status).toBe(200);
    const body = await json<{ refreshed_at: string; last_fact_seq: string; rows: unknown[] }>(response);
    expect(body.rows).toEqual([{ lines: 2 }]);
    expect(body.last_fact_seq).toMatch(/^\d+$/);
    expect(response.headers.get(LAST_FACT_SEQ_HEADER)).toBe(body.last_fact_seq);
    expect(response.headers.get(REFRESHED_AT_HEADER)).toBe(body.refreshed_at);
  });

  it('answers from the marts as they are without fresh, saying how old they are', async () => {
    const before = await json<{ last_fact_seq: string }>(await report.request('/lines'));
    await api.call('POST', '/api/v1/journals', { body: journal() });
    const stale = await json<{ last_fact_seq: string; rows: unknown[] }>(await report.request('/lines'));
    expect(stale).toEqual({ ...before, rows: [{ lines: 2 }] });
    const fresh = await json<{ last_fact_seq: string; rows: unknown[] }>(
      await report.request('/lines?fresh=1'),
    );
    expect(BigInt(fresh.last_fact_seq)).toBeGreaterThan(BigInt(stale.last_fact_seq));
    expect(fresh.rows).toEqual([{ lines: 4 }]);
  });
});
