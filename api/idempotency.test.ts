// Tests of Idempotency-Key: replays answer as the first time and write nothing; reuse is a 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_CHARS_MAX } from './limits.ts';
import { journal, json, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi();
});
afterAll(() => api.close());

const postWithKey = (key: string, body: unknown, path = '/api/v1/journals') =>
  api.call('POST', path, { body, headers: { 'Idempotency-Key': key } });

describe('Idempotency-Key', () => {
  it('answers a repeated key and body with the first result, the replay header, and writes nothing', async () => {
    const first = await postWithKey('key-1', journal());
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    const firstBody = await json(first);
    const lines = await api.count('facts.journal_lines');
    const entries = await api.count('facts.journal_entries');
    const audit = await api.count('meta.audit_log');

    const replay = await postWithKey('key-1', journal());
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(await json(replay)).toEqual(firstBody);
    expect(await api.count('facts.journal_lines')).toBe(lines);
    expect(await api.count('facts.journal_entries')).toBe(entries);
    expect(await api.count('meta.audit_log')).toBe(audit);
  });

  it('answers 409 idempotency_key_reused when the key comes back with another body', async () => {
    await postWithKey('key-2', journal());
    const lines = await api.count('facts.journal_lines');
    const response = await postWithKey('key-2', journal({ memo: 'something else' }));
    expect(response.status).toBe(409);
    const problem = await json(response);
    expect(problem.code).toBe('idempotency_key_reused');
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    expect(await api.count('facts.journal_lines')).toBe(lines);
  });

  it('answers 409 when the key comes back on another route', async () => {
    await postWithKey('key-3', journal());
    const response = await postWithKey('key-3', { journals: [journal()] }, '/api/v1/journals/batch');
    expect(response.status).toBe(409);
  });

  it('replays a batch with its per-item results', async () => {
    const body = { journals: [journal(), journal({ lines: [] })] };
    const first = await json(await postWithKey('key-4', body, '/api/v1/journals/batch'));
    const replay = await postWithKey('key-4', body, '/api/v1/journals/batch');
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(await json(replay)).toEqual(first);
  });

  it(`refuses a key longer than ${IDEMPOTENCY_KEY_CHARS_MAX} characters with 422 before writing`, async () => {
    const lines = await api.count('facts.journal_lines');
    const response = await postWithKey('k'.repeat(IDEMPOTENCY_KEY_CHARS_MAX + 1), journal());
    expect(response.status).toBe(422);
    expect((await json(response)).code).toBe('idempotency_key_too_long');
    expect(await api.count('facts.journal_lines')).toBe(lines);
    expect((await postWithKey('k'.repeat(IDEMPOTENCY_KEY_CHARS_MAX), journal())).status).toBe(201);
  });

  it('replays a token creation without revealing the token again', async () => {
    const body = { name: 'replayed-robot', role: 'sales' };
    const first = await json(await postWithKey('key-5', body, '/api/v1/tokens'));
    expect(first.token).toMatch(/^llt_/);
    const replay = await postWithKey('key-5', body, '/api/v1/tokens');
    expect(replay.status).toBe(201);
    expect((await json(replay)).token).toBeNull();
  });
});
