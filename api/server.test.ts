// Tests of startServer: a real port, and a close that lets requests in flight finish.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initLedger, Ledger } from '../ingest/index.ts';
import { startServer } from './server.ts';
import { ADMIN_TOKEN } from './testing.ts';

let dir: string;
let ledger: Ledger;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledgerline-api-'));
  await initLedger({ path: join(dir, 't.duckdb'), adminToken: ADMIN_TOKEN, company: 'Served Ltd' });
  ledger = await Ledger.open(join(dir, 't.duckdb'));
});
afterAll(async () => {
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('serves on a free port and closes after the requests in flight have answered', async () => {
    const server = await startServer(ledger, { port: 0, hostname: '127.0.0.1', processMetrics: false });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', company: 'Served Ltd' });
    // A request whose body is still arriving when close() is called: it must be answered, then the server stops.
    let push: (text: string | null) => void = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) =>
          text === null ? controller.close() : controller.enqueue(new TextEncoder().encode(text));
      },
    });
    const inFlight = fetch(`${server.url}/api/v1/journals`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    push('{"date": "2025-01-15", "lines": [{"account": "6310", "debit": "1.00"},');
    await new Promise((resolve) => setTimeout(resolve, 50));
    let isClosed = false;
    const closed = server.close().then(() => {
      isClosed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isClosed).toBe(false);
    push(' {"account": "1130", "credit": "1.00"}]}');
    push(null);
    expect((await inFlight).status).toBe(201);
    await closed;
    await server.close();
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});
