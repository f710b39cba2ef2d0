// Tests that bad input and failures become the right problem+json, with nothing written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initLedger, Ledger } from '../ingest/index.ts';
import { createApp } from './app.ts';
import { BATCH_BODY_BYTES_MAX, BODY_BYTES_MAX, JSON_DEPTH_MAX } from './limits.ts';
import { ADMIN_TOKEN, journal, json, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi();
});
afterAll(() => api.close());

const postJournal = (options: { body?: unknown; raw?: string; headers?: Record<string, string> }) =>
  api.call('POST', '/api/v1/journals', options);

/** A valid journal padded with whitespace to `bytes`: JSON ignores it, the body limit does not. */
const padded = (body: unknown, bytes: number) => {
  const text = JSON.stringify(body);
  return text + ' '.repeat(bytes - text.length);
};

describe('problems at the edge', () => {
  it('answers malformed JSON with 400 malformed_json as problem+json', async () => {
    const response = await postJournal({ raw: '{"date": "2025-01-15",' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await json(response)).toMatchObject({
      type: 'https://ledgerline.dev/problems/malformed_json',
      title: 'Bad Request',
      status: 400,
      code: 'malformed_json',
    });
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await postJournal({ raw: 'date=2025-01-15', headers: { 'Content-Type': 'text/plain' } });
    expect(response.status).toBe(415);
    expect((await json(response)).code).toBe('unsupported_media_type');
  });

  it('names an unknown field in a 422', async () => {
    const response = await postJournal({ body: journal({ colour: 'blue' }) });
    expect(response.status).toBe(422);
    const problem = await json(response);
    expect(problem.code).toBe('unrecognized_keys');
    expect(problem.errors).toEqual([
      { path: 'colour', code: 'unrecognized_keys', message: 'unknown field "colour"' },
    ]);
  });

  it('names an unknown field inside a line by its full path', async () => {
    const body = journal({
      lines: [
        { account: '6310', debit: 1, colour: 'red' },
        { account: '1130', credit: 1 },
      ],
    });
    const problem = await json(await postJournal({ body }));
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'lines.0.colour' })]);
  });

  it('refuses an amount with more decimals than the currency allows at lines.0.debit', async () => {
    const response = await postJournal({ body: journal({}, '10.005') });
    expect(response.status).toBe(422);
    const problem = await json(response);
    expect(problem.errors).toContainEqual(
      expect.objectContaining({ path: 'lines.0.debit', code: 'precision_exceeded' }),
    );
  });

  it('reports every broken ledger rule at once with its field path', async () => {
    const body = {
      date: '2025-01-15',
      lines: [
        { account: '9999', debit: '10.00' },
        { account: '1000', credit: '9.00' },
      ],
    };
    const problem = await json(await postJournal({ body }));
    const codes = (problem.errors as Array<{ path: string; code: string }>).map(
      (error) => `${error.path}:${error.code}`,
    );
    expect(codes).toEqual(
      expect.arrayContaining([
        'lines.0.account:account_not_found',
        'lines.1.account:account_not_postable',
        'lines:debits_must_equal_credits',
      ]),
    );
  });

  it(`refuses a body over ${BODY_BYTES_MAX} bytes with 413 body_too_large`, async () => {
    const response = await postJournal({ raw: padded(journal(), BODY_BYTES_MAX + 1) });
    expect(response.status).toBe(413);
    expect((await json(response)).code).toBe('body_too_large');
  });

  it('lets a batch body exceed the ordinary limit, up to its own', async () => {
    const body = { journals: [journal()] };
    const fits = await api.call('POST', '/api/v1/journals/batch', { raw: padded(body, BODY_BYTES_MAX * 2) });
    expect(fits.status).toBe(200);
    const over = await api.call('POST', '/api/v1/journals/batch', {
      raw: padded(body, BATCH_BODY_BYTES_MAX + 1),
    });
    expect(over.status).toBe(413);
  });

  it(`refuses JSON nested deeper than ${JSON_DEPTH_MAX} levels with 422 instead of crashing later`, async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const response = await api.call('POST', '/api/v1/journals/batch', { raw: `{"journals": [${deep}]}` });
    expect(response.status).toBe(422);
    expect((await json(response)).code).toBe('nesting_too_deep');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await api.call('GET', '/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(await json(response)).toMatchObject({ status: 404, code: 'route_not_found' });
  });
});

describe('unexpected failures', () => {
  it('answers 500 without internals and logs the error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledgerline-api-'));
    const path = join(dir, 't.duckdb');
    await initLedger({ path, adminToken: ADMIN_TOKEN });
    const ledger = await Ledger.open(path);
    const logError = vi.fn();
    const app = createApp(ledger, { processMetrics: false, logError });
    await ledger.close();
    const response = await app.request('/api/v1/accounts', {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.status).toBe(500);
    const problem = await json(response);
    expect(problem).toMatchObject({ code: 'internal_error', errors: [] });
    expect(JSON.stringify(problem)).not.toMatch(/closed|duckdb|stack/i);
    expect(logError).toHaveBeenCalledOnce();
    rmSync(dir, { recursive: true, force: true });
  });
});
