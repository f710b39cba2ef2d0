// The transforms, freshness and jobs areas: starting runs (202/200/409), reading history, fresh=true, roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journal, json, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;
let executive: string;
beforeAll(async () => {
  api = await openTestApi();
  executive = await api.tokenFor('executive');
});
afterAll(() => api.close());

type Run = { run_id: string; status: string; nodes: Array<{ node: string; kind: string; status: string }> };

async function finished(id: string): Promise<Run> {
  let run: Run | undefined;
  await expect
    .poll(
      async () => {
        run = await json<Run>(await api.call('GET', `/api/v1/transforms/runs/${id}`));
        return run.status;
      },
      { timeout: 20_000 },
    )
    .not.toBe('running');
  return run as Run;
}

describe('POST /api/v1/transforms/run', () => {
  it('answers 202 with the run id and its Location, and the run finishes in the history', async () => {
    const response = await api.call('POST', '/api/v1/transforms/run', { body: { full: true } });
    expect(response.status).toBe(202);
    const started = await json<{ run_id: string; location: string }>(response);
    expect(started).toMatchObject({ status: 'running', mode: 'full', command: 'build', selector: null });
    expect(response.headers.get('location')).toBe(`/api/v1/transforms/runs/${started.run_id}`);
    const run = await finished(started.run_id);
    expect(run.status).toBe('success');
    expect(run.nodes.find((node) => node.node === 'fct_journal_lines')).toMatchObject({
      kind: 'model',
      status: 'success',
    });
  });

  it('answers 409 transform_already_running while another run is going', async () => {
    const first = await api.call('POST', '/api/v1/transforms/run', { body: { full: true } });
    expect(first.status).toBe(202);
    const second = await api.call('POST', '/api/v1/transforms/run', { body: { wait: true } });
    expect(second.status).toBe(409);
    expect(await json(second)).toMatchObject({ code: 'transform_already_running' });
    await finished((await json<{ run_id: string }>(first)).run_id);
  });

  it('answers 200 with the finished run and its nodes when asked to wait, honouring --select', async () => {
    const response = await api.call('POST', '/api/v1/transforms/run', {
      body: { select: ['dim_accounts'], command: 'run', wait: true },
    });
    expect(response.status).toBe(200);
    const run = await json<Run & { selector: string; finished_at: string }>(response);
    expect(run).toMatchObject({ status: 'success', selector: 'dim_accounts', command: 'run' });
    expect(run.finished_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(run.nodes.map((node) => node.node)).toEqual(['dim_accounts']);
  });

  it('refuses a malformed selector (422) and one that matches nothing (404) before running anything', async () => {
    const bad = await api.call('POST', '/api/v1/transforms/run', { body: { select: ['a;drop'] } });
    expect(bad.status).toBe(422);
    const none = await api.call('POST', '/api/v1/transforms/run', { body: { select: ['no_such_model'] } });
    expect(none.status).toBe(404);
    expect(await json(none)).toMatchObject({ code: 'selector_matches_nothing' });
  });

  it('is for finance and admin: an executive gets 403', async () => {
    const response = await api.call('POST', '/api/v1/transforms/run', { token: executive, body: {} });
    expect(response.status).toBe(403);
    expect((await api.call('GET', '/api/v1/transforms/runs', { token: executive })).status).toBe(403);
  });
});

describe('GET /api/v1/transforms/runs', () => {
  it('lists runs newest first, bounded by limit, and answers 404 for an unknown run', async () => {
    const response = await api.call('GET', '/api/v1/transforms/runs?limit=2');
    expect(response.status).toBe(200);
    const { rows } = await json<{ rows: Array<{ started_at: string; selector: string | null }> }>(response);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.selector).toBe('dim_accounts');
    expect((rows[0]?.started_at ?? '') >= (rows[1]?.started_at ?? '')).toBe(true);
    const missing = await api.call('GET', '/api/v1/transforms/runs/nope');
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ code: 'transform_run_not_found' });
  });
});

describe('GET /api/v1/freshness', () => {
  it('says how far the marts are behind, and fresh=true brings them up to date first', async () => {
    await api.call('POST', '/api/v1/journals', { body: journal() });
    const stale = await json<{ lag_seq: number; is_fresh: boolean }>(
      await api.call('GET', '/api/v1/freshness', { token: executive }),
    );
    expect(stale.is_fresh).toBe(false);
    expect(stale.lag_seq).toBeGreaterThan(0);

    const response = await api.call('GET', '/api/v1/freshness?fresh=true', { token: executive });
    expect(response.status).toBe(200);
    const fresh = await json<{ ledger_seq: string; last_fact_seq: string; refreshed_at: string }>(response);
    expect(fresh).toMatchObject({ is_fresh: true, lag_seq: 0, last_fact_seq: fresh.ledger_seq });
    expect(response.headers.get('ledgerline-last-fact-seq')).toBe(fresh.last_fact_seq);
    expect(response.headers.get('ledgerline-refreshed-at')).toBe(fresh.refreshed_at);
    const [row] = await api.ledger.db.query(
      'select count(*)::integer as n from marts.fct_journal_lines where seq <= ?::bigint',
      [fresh.ledger_seq],
    );
    expect(row?.n).toBe(await api.count('facts.journal_lines'));
  });

  it('refuses a fresh value that is not a boolean', async () => {
    expect((await api.call('GET', '/api/v1/freshness?fresh=maybe')).status).toBe(422);
  });
});

describe('GET /api/v1/jobs', () => {
  it('lists the default jobs and the refresher to finance and admin, not to an executive', async () => {
    const response = await api.call('GET', '/api/v1/jobs');
    expect(response.status).toBe(200);
    const body = await json<{ jobs: Array<{ id: string; cron: string }>; scheduler_running: boolean }>(
      response,
    );
    expect(body.scheduler_running).toBe(false);
    expect(body.jobs.map((job) => [job.id, job.cron])).toEqual([
      ['transform-incremental', '* * * * *'],
      ['transform-full', '0 2 * * *'],
      ['depreciation-monthly', '0 3 1 * *'],
    ]);
    expect(body).toMatchObject({ refresher: { debounce_ms: 1000, is_listening: false }, runs: [] });
    expect((await api.call('GET', '/api/v1/jobs', { token: executive })).status).toBe(403);
  });

  it('shows a job run once the scheduler has run one', async () => {
    await api.schedules.scheduler.runJob('transform-incremental');
    const { runs } = await json<{ runs: Array<{ job_id: string; status: string; trigger: string }> }>(
      await api.call('GET', '/api/v1/jobs?job=transform-incremental'),
    );
    expect(runs[0]).toMatchObject({ job_id: 'transform-incremental', status: 'success', trigger: 'manual' });
  });
});
