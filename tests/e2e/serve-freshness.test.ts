// The served demo keeps its marts fresh: a journal posted over HTTP is in the marts within FRESHNESS_TARGET_MS,
// the scheduler is running, and SIGTERM stops jobs and refresher before the database is closed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FRESHNESS_TARGET_MS } from '../../schedules/index.ts';
import { freePort, runCli, startServer } from '../support/server.ts';

const TOKEN = 'llt_e2e-freshness-token';
const dir = mkdtempSync(join(tmpdir(), 'ledgerline-e2e-fresh-'));
const db = join(dir, 'demo.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

async function freshness(url: string, query = '') {
  const response = await fetch(`${url}/api/v1/freshness${query}`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as { is_fresh: boolean; last_fact_seq: string; ledger_seq: string };
}

/** The small demo takes ~30 s on a busy two-core machine (its business documents commit day by day). */
const DEMO_AND_SERVE_TIMEOUT_MS = 150_000;

describe('ledgerline serve keeps the marts fresh', () => {
  it(
    'reflects a posting within the freshness target and stops cleanly on SIGTERM',
    async () => {
      const demo = runCli(['demo', '--db', db, '--seed', '3'], { LEDGERLINE_ADMIN_TOKEN: TOKEN });
      expect(demo.status, demo.stderr).toBe(0);
      const server = await startServer(db, await freePort());
      expect(server.output()).toContain('Scheduled jobs: transform-incremental (* * * * *)');
      expect((await freshness(server.url)).is_fresh).toBe(true);

      const posted = performance.now();
      const response = await fetch(`${server.url}/api/v1/journals`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          date: '2025-12-30',
          memo: 'freshness',
          lines: [
            { account: '6310', debit: '10.00' },
            { account: '1130', credit: '10.00' },
          ],
        }),
      });
      expect(response.status).toBe(201);
      await expect
        .poll(async () => (await freshness(server.url)).is_fresh, {
          timeout: FRESHNESS_TARGET_MS,
          interval: 50,
        })
        .toBe(true);
      console.info(`served demo: posting → fresh marts in ${Math.round(performance.now() - posted)} ms`);

      const jobs = await (await fetch(`${server.url}/api/v1/jobs`, { headers })).json();
      expect(jobs).toMatchObject({ scheduler_running: true, refresher: { is_listening: true } });
      expect(await server.stop('SIGTERM')).toBe(0);
      expect(server.output()).toContain('Stopped cleanly.');
    },
    DEMO_AND_SERVE_TIMEOUT_MS,
  );
});
