// The body limit over a real socket, where bodies come with Content-Length or chunked: both refused the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initLedger, Ledger } from '../ingest/index.ts';
import { BODY_BYTES_MAX } from './limits.ts';
import { type RunningServer, startServer } from './server.ts';
import { ADMIN_TOKEN } from './testing.ts';

let dir: string;
let ledger: Ledger;
let server: RunningServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledgerline-api-'));
  await initLedger({ path: join(dir, 't.duckdb'), adminToken: ADMIN_TOKEN });
  ledger = await Ledger.open(join(dir, 't.duckdb'));
  server = await startServer(ledger, { port: 0, hostname: '127.0.0.1', processMetrics: false });
});
afterAll(async () => {
  await server.close();
  await ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A journal padded with trailing spaces to `bytes`: valid JSON, and exactly that long. */
function paddedJournal(bytes: number): string {
  const text = JSON.stringify({
    date: '2025-01-15',
    lines: [
      { account: '6310', debit: '1.00' },
      { account: '1130', credit: '1.00' },
    ],
  });
  return text + ' '.repeat(bytes - text.length);
}

/** POSTs a journal body with Content-Length, or in chunks without one; resolves with the status and body. */
function post(body: string, chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      'content-type': 'application/json',
      connection: 'close',
    };
    if (!chunked) headers['content-length'] = Buffer.byteLength(body);
    const outgoing = request(`${server.url}/api/v1/journals`, { method: 'POST', headers }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => {
        text += chunk;
      });
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: text }));
    });
    // The server may answer 413 and close before the whole body is sent; the answer is what counts.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const half = Math.floor(body.length / 2);
    outgoing.write(body.slice(0, half));
    outgoing.end(body.slice(half));
  });
}

describe('the body limit over HTTP', () => {
  for (const chunked of [false, true]) {
    const how = chunked ? 'chunked' : 'with Content-Length';
    it(`accepts a body of exactly ${BODY_BYTES_MAX} bytes sent ${how}`, async () => {
      const answer = await post(paddedJournal(BODY_BYTES_MAX), chunked);
      expect(answer.status).toBe(201);
    });

    it(`refuses a body one byte over the limit sent ${how} with 413 body_too_large`, async () => {
      const answer = await post(paddedJournal(BODY_BYTES_MAX + 1), chunked);
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 413, code: 'body_too_large' });
    });
  }
});
