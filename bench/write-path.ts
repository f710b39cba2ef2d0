// Write-path benchmark: journal lines per second through the validated batch endpoint vs the raw DuckDB
// appender writing the same rows, and single-journal latency with 50 concurrent clients on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampTZValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import { epochDays } from '../ingest/dates.ts';
import { Database } from '../ingest/db/database.ts';
import { RowBuffer } from '../ingest/db/row-buffer.ts';
import { TABLES } from '../ingest/db/tables.ts';
import { formatMoney, parseMoney } from '../ingest/money.ts';
import { freePort, runCli, startServer } from '../tests/support/server.ts';
import { RawConnection } from './raw-http.ts';
import { formatRate, machineNote, percentile, processCpuMs, table } from './support.ts';

/** Journals per batch request and lines per journal. */
const BATCH_JOURNALS = 1_000;
const LINES_PER_JOURNAL = 10;
/** Batch requests sent in total, and how many are in flight at once. */
const BATCH_REQUESTS = 40;
const BATCH_CONCURRENCY = 2;
/** Rows per data chunk handed to the appender (DuckDB's vector size). */
const CHUNK_ROWS = 2048;
/** Single-journal latency: concurrent clients and requests per client. */
const LATENCY_CLIENTS = 50;
const LATENCY_REQUESTS_PER_CLIENT = 60;
const TOKEN = 'llt_bench-admin-token';
/** Issue 2's target for single-journal latency at LATENCY_CLIENTS clients. */
const SINGLE_P99_TARGET_MS = 20;
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

type BenchJournal = ReturnType<typeof journal>;
/** One journal line as the raw contenders write it: the same columns the write path fills. */
type RawLine = {
  seq: bigint;
  number: string;
  lineNo: number;
  date: string;
  account: string;
  minor: bigint;
  debit: boolean;
};

/** The rows of one batch request, numbered as the write path would number them. */
function rawLines(batch: BenchJournal[], batchIndex: number, firstSeq: bigint): RawLine[] {
  const lines: RawLine[] = [];
  let seq = firstSeq;
  batch.forEach((entry, entryIndex) => {
    const number = `JV-2025-${String(batchIndex * BATCH_JOURNALS + entryIndex + 1).padStart(6, '0')}`;
    entry.lines.forEach((line, lineIndex) => {
      const amount = parseMoney(line.debit ?? line.credit);
      const minor = amount.ok ? amount.minor : 0n;
      lines.push({
        seq: ++seq,
        number,
        lineNo: lineIndex + 1,
        date: entry.date,
        account: line.account as string,
        minor,
        debit: line.debit !== undefined,
      });
    });
  });
  return lines;
}

/** The appender contender: DuckDB data chunks of DuckDB values, no checks (how the write path used to append). */
async function appendLines(connection: DuckDBConnection, lines: RawLine[], key: string): Promise<void> {
  const spec = TABLES.journalLines;
  const recordedAt = new DuckDBTimestampTZValue(BigInt(Date.now()) * 1000n);
  const zero = new DuckDBDecimalValue(0n, 18, 2);
  const columns: DuckDBValue[][] = spec.columns.map(() => []);
  for (const line of lines) {
    const amount = new DuckDBDecimalValue(line.minor, 18, 2);
    const row: DuckDBValue[] = [
      line.seq,
      'journal',
      line.number,
      line.lineNo,
      new DuckDBDateValue(epochDays(line.date)),
      line.account,
      line.debit ? amount : zero,
      line.debit ? zero : amount,
      null,
      null,
      null,
      null,
      null,
      recordedAt,
      'bench',
      key,
    ];
    for (let index = 0; index < row.length; index++)
      (columns[index] as DuckDBValue[]).push(row[index] ?? null);
  }
  const appender = await connection.createAppender(spec.table, spec.schema);
  for (let offset = 0; offset < lines.length; offset += CHUNK_ROWS) {
    const size = Math.min(CHUNK_ROWS, lines.length - offset);
    const chunk = DuckDBDataChunk.create(
      spec.columns.map(([, type]) => type),
      size,
    );
    chunk.setColumns(columns.map((column) => column.slice(offset, offset + size)));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/** The joined-column contender: the write path's own insert (one text per column), no checks. */
async function insertLines(connection: DuckDBConnection, lines: RawLine[], key: string): Promise<void> {
  const rows = new RowBuffer();
  const recordedAt = new Date().toISOString();
  for (const line of lines) {
    const amount = formatMoney(line.minor);
    rows.push('journalLines', {
      seq: line.seq,
      document_type: 'journal',
      document_number: line.number,
      line_no: line.lineNo,
      posting_date: line.date,
      account_code: line.account,
      debit: line.debit ? amount : '0.00',
      credit: line.debit ? '0.00' : amount,
      recorded_at: recordedAt,
      user_name: 'bench',
      idempotency_key: key,
    });
  }
  await rows.commitTo(connection);
}

/** A raw contender's rate: every batch in its own transaction, one after the other, no validation. */
async function rawRate(
  path: string,
  batches: BenchJournal[][],
  write: (connection: DuckDBConnection, lines: RawLine[], key: string) => Promise<void>,
  transaction: boolean,
): Promise<number> {
  const db = await Database.open(path);
  const started = performance.now();
  let seq = 0n;
  for (const [batchIndex, batch] of batches.entries()) {
    const lines = rawLines(batch, batchIndex, seq);
    seq += BigInt(lines.length);
    if (transaction) await db.writeConnection.run('begin transaction');
    await write(db.writeConnection, lines, `raw-${batchIndex}`);
    if (transaction) await db.writeConnection.run('commit');
  }
  const seconds = (performance.now() - started) / 1000;
  await db.close();
  return (batches.length * BATCH_JOURNALS * LINES_PER_JOURNAL) / seconds;
}

async function endpointRate(connections: RawConnection[], batches: BenchJournal[][]): Promise<number> {
  const bodies = batches.map((batch) => JSON.stringify({ journals: batch }));
  let next = 0;
  const started = performance.now();
  const worker = async (connection: RawConnection) => {
    while (next < bodies.length) {
      const index = next++;
      const answer = await connection.post('/api/v1/journals/batch', bodies[index] as string, `b-${index}`);
      const result = JSON.parse(answer.body) as { accepted: number };
      if (result.accepted !== BATCH_JOURNALS) throw new Error(`batch ${index}: ${answer.body.slice(0, 300)}`);
    }
  };
  await Promise.all(connections.slice(0, BATCH_CONCURRENCY).map(worker));
  const seconds = (performance.now() - started) / 1000;
  return (bodies.length * BATCH_JOURNALS * LINES_PER_JOURNAL) / seconds;
}

/** The single-journal phase: each request's latency, and what the requests cost the server and the client. */
interface LatencyRun {
  samples: number[];
  seconds: number;
  /** CPU milliseconds per request: the server process (JavaScript and DuckDB's threads), null off Linux. */
  serverCpuMs: number | null;
  clientCpuMs: number;
}

/** Each client posts its journals one after the other; all clients at once. Bodies are made beforehand. */
async function latencies(connections: RawConnection[], serverPid: number | undefined): Promise<LatencyRun> {
  const body = JSON.stringify({
    date: '2025-07-01',
    lines: [
      { account: '6310', debit: '12.34' },
      { account: '1130', credit: '12.34' },
    ],
  });
  const samples: number[] = [];
  const run = async (connection: RawConnection, clientIndex: number) => {
    for (let index = 0; index < LATENCY_REQUESTS_PER_CLIENT; index++) {
      const started = performance.now();
      const answer = await connection.post('/api/v1/journals', body, `l-${clientIndex}-${index}`);
      samples.push(performance.now() - started);
      if (answer.status !== 201) throw new Error(`latency post answered ${answer.status}: ${answer.body}`);
    }
  };
  const serverBefore = processCpuMs(serverPid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(connections.map(run));
  const seconds = (performance.now() - started) / 1000;
  const serverAfter = processCpuMs(serverPid);
  const client = process.cpuUsage(clientBefore);
  const requests = samples.length;
  return {
    samples: samples.sort((a, b) => a - b),
    seconds,
    serverCpuMs:
      serverBefore === null || serverAfter === null ? null : (serverAfter - serverBefore) / requests,
    clientCpuMs: (client.user + client.system) / 1000 / requests,
  };
}

/** The batch endpoint's rate and the single-journal latencies of one freshly initialised server. */
async function measureServer(dir: string, name: string, extraArgs: string[], batches: BenchJournal[][]) {
  const db = join(dir, `${name}.duckdb`);
  const init = runCli(['init', '--db', db], { LEDGERLINE_ADMIN_TOKEN: TOKEN });
  if (init.status !== 0) throw new Error(init.stderr);
  const server = await startServer(db, await freePort(), extraArgs);
  // One kept-alive connection per client, opened before the clock starts; the batch phase uses the first ones.
  const connections = await Promise.all(
    Array.from({ length: Math.max(LATENCY_CLIENTS, BATCH_CONCURRENCY) }, () =>
      RawConnection.open(server.url, TOKEN),
    ),
  );
  try {
    const rate = await endpointRate(connections, batches);
    const single = await latencies(connections.slice(0, LATENCY_CLIENTS), server.child.pid);
    return { rate, single };
  } finally {
    for (const connection of connections) connection.close();
    await server.stop('SIGTERM');
  }
}

/**
 * What the measured CPU cost allows: clients that post back to back wait, on average, clients / throughput
 * (Little's law), and the machine's cores can serve at most cores / CPU per journal of them a second.
 */
function latencyFloor(single: LatencyRun): string {
  if (single.serverCpuMs === null) return 'server CPU not measured (no /proc): no latency floor computed';
  const cpuMs = single.serverCpuMs + single.clientCpuMs;
  const maxPerSecond = (availableParallelism() * 1000) / cpuMs;
  const floorMs = (LATENCY_CLIENTS / maxPerSecond) * 1000;
  return (
    `at ${cpuMs.toFixed(2)} ms of CPU per journal (server ${single.serverCpuMs.toFixed(2)}, client ${single.clientCpuMs.toFixed(2)}), ` +
    `${availableParallelism()} cores serve at most ${formatRate(maxPerSecond)} journals/s, so ${LATENCY_CLIENTS} clients posting back ` +
    `to back wait at least ${floorMs.toFixed(1)} ms on average (Little's law); p99 ≤ ${SINGLE_P99_TARGET_MS} ms needs the mean below it`
  );
}

export async function runWritePathBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-bench-'));
  try {
    const batches = Array.from({ length: BATCH_REQUESTS }, (_, batch) =>
      Array.from({ length: BATCH_JOURNALS }, (_, index) => journal(batch * BATCH_JOURNALS + index)),
    );
    const lines = BATCH_REQUESTS * BATCH_JOURNALS * LINES_PER_JOURNAL;
    console.log(
      `${lines.toLocaleString('en-US')} journal lines in batches of ${BATCH_JOURNALS} journals × ${LINES_PER_JOURNAL} lines; ${machineNote()}`,
    );
    const raw = await rawRate(join(dir, 'raw.duckdb'), batches, appendLines, true);
    const joined = await rawRate(join(dir, 'joined.duckdb'), batches, insertLines, false);
    const row = (contender: string, rate: number, single?: LatencyRun) => ({
      contender,
      'lines/s': formatRate(rate),
      'vs raw': `${((rate / raw) * 100).toFixed(1)} %`,
      'single p50 / p99 ms': single
        ? `${percentile(single.samples, 50).toFixed(1)} / ${percentile(single.samples, 99).toFixed(1)}`
        : '',
      'single journals/s': single ? formatRate(single.samples.length / single.seconds) : '',
      'CPU ms per journal, server + client': single
        ? `${single.serverCpuMs === null ? '?' : single.serverCpuMs.toFixed(2)} + ${single.clientCpuMs.toFixed(2)}`
        : '',
    });
    let withoutRefresh: LatencyRun | null = null;
    const rows = [
      row('raw DuckDB appender (no checks)', raw),
      row('raw joined-column insert, as the write path writes (no checks)', joined),
    ];
    // The server as deployed refreshes the marts after postings; --no-refresh shows the write path alone.
    for (const [label, name, extra] of [
      ['serve --no-refresh', 'api-no-refresh', ['--no-refresh']],
      ['serve (marts refreshed after postings)', 'api-refresh', []],
    ] as const) {
      const { rate, single } = await measureServer(dir, name, [...extra], batches);
      rows.push(row(`POST /api/v1/journals/batch, validated — ${label}`, rate, single));
      if (name === 'api-no-refresh') withoutRefresh = single;
    }
    table(rows);
    console.log(
      `single journal POST: ${LATENCY_CLIENTS} concurrent clients (one kept-alive socket each, minimal HTTP/1.1 client), ${LATENCY_CLIENTS * LATENCY_REQUESTS_PER_CLIENT} requests, loopback; ${machineNote()}`,
    );
    if (withoutRefresh) console.log(latencyFloor(withoutRefresh));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
