// The real CLI end to end: init, serve on a free port, post, read back, stop cleanly, reopen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runCli, startServer } from '../support/server.ts';

const TOKEN = 'llt_e2e-admin-token';
const dir = mkdtempSync(join(tmpdir(), 'ledgerline-e2e-'));
const db = join(dir, 'e2e.duckdb');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ledgerline CLI', () => {
  it('initialises, serves, posts, reads back and shuts down on SIGTERM', async () => {
    const init = runCli(['init', '--db', db, '--company', 'E2E GmbH'], { LEDGERLINE_ADMIN_TOKEN: TOKEN });
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain(TOKEN);

    const server = await startServer(db, await freePort());
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const posted = await fetch(`${server.url}/api/v1/journals`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': 'e2e-1' },
      body: JSON.stringify({
        date: '2025-06-30',
        memo: 'e2e',
        lines: [
          { account: '6310', debit: '99.95' },
          { account: '1130', credit: '99.95' },
        ],
      }),
    });
    expect(posted.status).toBe(201);
    const { number } = (await posted.json()) as { number: string };
    const read = await fetch(`${server.url}/api/v1/journals/${number}`, { headers });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      number,
      total: '99.95',
      lines: [{ debit: '99.95' }, { credit: '99.95' }],
    });
    expect(await server.stop('SIGTERM')).toBe(0);

    const again = await startServer(db, await freePort());
    const list = await fetch(`${again.url}/api/v1/journals?limit=5`, { headers });
    expect(((await list.json()) as { total: number }).total).toBe(1);
    expect(await again.stop('SIGTERM')).toBe(0);
  });
});
