// Write-path benchmark: journal lines per second through the validated batch endpoint vs the raw DuckDB
// appender writing the same rows, and single-journal latency with 50 concurrent clients on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toDuckDate, toDuckTimestamp } from '../ingest/dates.ts';
import { Database } from '../ingest/db/database.ts';
import { RowBuffer } from '../ingest/db/tables.ts';
import { parseMoney, toDecimal } from '../ingest/money.ts';
import { freePort, runCli, startServer } from '../tests/support/server.ts';
import { formatRate, percentile, table } from './support.ts';

/** Journals per batch request and lines per journal. */
const BATCH_JOURNALS = 1_000;
const LINES_PER_JOURNAL = 10;
/** Batch requests sent in total, and how many are in flight at once. */
const BATCH_REQUESTS = 40;
const BATCH_CONCURRENCY = 2;
/** Single-journal latency: concurrent clients and requests per client. */
const LATENCY_CLIENTS = 50;
const LATENCY_REQUESTS_PER_CLIENT = 60;
const TOKEN = 'llt_bench-admin-token';
const EXPENSE_ACCOUNTS = ['6310', '6320', '6330', '6340', '6350', '6360', '6370', '6380', '6390'];

function journal(seed: number) {
  const lines: Array<Record<string, string>> = [];
  let total = 0;
  for (let index = 0; index < LINES_PER_JOURNAL - 1; index++) {
    const cents = 100 + ((seed * 31 + index * 17) % 100_000);
    total += cents;
    lines.push({
      account: EXPENSE_ACCOUNTS[index % EXPENSE_ACCOUNTS.length] as string,
      debit: (cents / 100).toFixed(2),
    });
  }
  lines.push({ account: '1130', credit: (total / 100).toFixed(2) });
  const month = String((seed % 12) + 1).padStart(2, '0');
  return { date: `2025-${month}-15`, memo: `bench ${seed}`, lines };
}

/** The raw contender: the same journal rows appended straight through DuckDB data chunks, no checks. */
async function rawAppenderRate(dir: string, batches: ReturnType<typeof journal>[][]): Promise<number> {
  const db = await Database.open(join(dir, 'raw.duckdb'));
  const started = performance.now();
  let seq = 0n;
  const now = toDuckTimestamp(new Date());
  for (const [batchIndex, batch] of batches.entries()) {
    const rows = new RowBuffer();
    batch.forEach((entry, entryIndex) => {
      const number = `JV-2025-${String(batchIndex * BATCH_JOURNALS + entryIndex + 1).padStart(6, '0')}`;
      const date = toDuckDate(entry.date);
      entry.lines.forEach((line, lineIndex) => {
        const amount = parseMoney(line.debit ?? line.credit);
        const minor = amount.ok ? amount.minor : 0n;
        rows.push('journalLines', {
          seq: ++seq,
          document_type: 'journal',
          document_number: number,
          line_no: lineIndex + 1,
          posting_date: date,
          account_code: line.account,
          debit: toDecimal(line.debit ? minor : 0n),
          credit: toDecimal(line.credit ? minor : 0n),
          recorded_at: now,
          user_name: 'bench',
          idempotency_key: `raw-${batchIndex}`,
        });
      });
    });
    await db.writeConnection.run('begin transaction');
    await rows.writeTo(db.writeConnection);
    await db.writeConnection.run('commit');
  }
  const seconds = (performance.now() - started) / 1000;
  await db.close();
  return (batches.length * BATCH_JOURNALS * LINES_PER_JOURNAL) / seconds;
}

async function endpointRate(url: string, batches: ReturnType<typeof journal>[][]): Promise<number> {
  const bodies = batches.map((batch) => JSON.stringify({ journals: batch }));
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const index = next++;
      const response = await fetch(`${url}/api/v1/journals/batch`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
          'idempotency-key': `b-${index}`,
        },
        body: bodies[index],
      });
      const result = (await response.json()) as { accepted: number };
      if (result.accepted !== BATCH_JOURNALS)
        throw new Error(`batch ${index}: ${JSON.stringify(result).slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: BATCH_CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return (bodies.length * BATCH_JOURNALS * LINES_PER_JOURNAL) / seconds;
}

async function latencies(url: string): Promise<number[]> {
  const samples: number[] = [];
  const client = async (clientIndex: number) => {
    for (let index = 0; index < LATENCY_REQUESTS_PER_CLIENT; index++) {
      const body = JSON.stringify({
        date: '2025-07-01',
        lines: [
          { account: '6310', debit: '12.34' },
          { account: '1130', credit: '12.34' },
        ],
      });
      const started = performance.now();
      const response = await fetch(`${url}/api/v1/journals`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
          'idempotency-key': `l-${clientIndex}-${index}`,
        },
        body,
      });
      await response.arrayBuffer();
      samples.push(performance.now() - started);
      if (response.status !== 201) throw new Error(`latency post answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: LATENCY_CLIENTS }, (_, index) => client(index)));
  return samples.sort((a, b) => a - b);
}

export async function runWritePathBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-bench-'));
  try {
    const batches = Array.from({ length: BATCH_REQUESTS }, (_, batch) =>
      Array.from({ length: BATCH_JOURNALS }, (_, index) => journal(batch * BATCH_JOURNALS + index)),
    );
    const raw = await rawAppenderRate(dir, batches);
    const lines = BATCH_REQUESTS * BATCH_JOURNALS * LINES_PER_JOURNAL;
    console.log(
      `${lines.toLocaleString('en-US')} journal lines in batches of ${BATCH_JOURNALS} journals × ${LINES_PER_JOURNAL} lines`,
    );
    const rows: Array<Record<string, string>> = [
      {
        contender: 'raw DuckDB appender (no checks)',
        'lines/s': formatRate(raw),
        'vs raw': '100 %',
        'single p50 / p99 ms': '',
      },
    ];
    // The server as deployed refreshes the marts after postings; --no-refresh shows the write path alone.
    for (const [label, extra] of [
      ['serve --no-refresh', ['--no-refresh']],
      ['serve (marts refreshed after postings)', []],
    ] as const) {
      const db = join(dir, `api-${rows.length}.duckdb`);
      const init = runCli(['init', '--db', db], { LEDGERLINE_ADMIN_TOKEN: TOKEN });
      if (init.status !== 0) throw new Error(init.stderr);
      const server = await startServer(db, await freePort(), [...extra]);
      const viaApi = await endpointRate(server.url, batches);
      const samples = await latencies(server.url);
      await server.stop('SIGTERM');
      rows.push({
        contender: `POST /api/v1/journals/batch, validated — ${label}`,
        'lines/s': formatRate(viaApi),
        'vs raw': `${((viaApi / raw) * 100).toFixed(1)} %`,
        'single p50 / p99 ms': `${percentile(samples, 50).toFixed(1)} / ${percentile(samples, 99).toFixed(1)}`,
      });
    }
    table(rows);
    console.log(
      `single journal POST: ${LATENCY_CLIENTS} concurrent clients, ${LATENCY_CLIENTS * LATENCY_REQUESTS_PER_CLIENT} requests, loopback`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
