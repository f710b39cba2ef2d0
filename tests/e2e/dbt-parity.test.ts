// Parity with real dbt-core: the embedded runner (transform/) and `dbt build` with dbt-duckdb must build the
// same relations from the same facts, row for row. Compared per relation of the staging, intermediate, marts
// and seeds schemas: columns, row count and an order-independent checksum (transform/parity/checksum.sql's
// pattern), plus checksum.sql itself. Needs .venv/bin/dbt (bash transform/parity/setup-venv.sh): skipped with
// a message without it, but a failure when CI is set.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import {
  closeFiscalYearCommand,
  initLedger,
  Ledger,
  periodCommand,
  postJournalBatchCommand,
  reverseJournalCommand,
} from '../../ingest/index.ts';
import { simulateCompany } from '../../seeds/demo/index.ts';
import { loadProject, runTransform } from '../../transform/index.ts';
import { ROOT } from '../support/server.ts';

const DBT = join(ROOT, '.venv', 'bin', 'dbt');
const RUN_DBT = join(ROOT, 'transform', 'parity', 'run-dbt.sh');
const CHECKSUM_SQL = join(ROOT, 'transform', 'parity', 'checksum.sql');
/** dim_dates ends a fiscal year after "today": pinned on both sides so the day of the run cannot matter. */
const VARS = { calendar_as_of: '2025-12-31' };
const DBT_VARS = `{calendar_as_of: "${VARS.calendar_as_of}"}`;
const SCHEMAS = ['staging', 'intermediate', 'marts', 'seeds'];
/** One `dbt build` of the demo takes ~15 s here (interpreter start, parse, 166 nodes on one thread). */
const DBT_TIMEOUT_MS = 5 * 60 * 1000;
const STEP_TIMEOUT_MS = 10 * 60 * 1000;

const hasDbt = existsSync(DBT);
const inCi = Boolean(process.env.CI);
const MISSING = `no ${DBT}: run \`bash transform/parity/setup-venv.sh\` (needs python3 with venv)`;
if (!hasDbt && !inCi) console.warn(`dbt parity check skipped: ${MISSING}`);

const dir = mkdtempSync(join(tmpdir(), 'ledgerline-parity-'));
const embedded = join(dir, 'embedded.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dbt-core parity', () => {
  it.runIf(!hasDbt && inCi)('has real dbt to compare with in CI', () => {
    throw new Error(`CI is set but ${MISSING}`);
  });

  it.skipIf(!hasDbt)(
    `full build: every relation equals dbt build's${hasDbt ? '' : ` (skipped: ${MISSING})`}`,
    async () => {
      await timed('demo company simulated', () => buildDemo(embedded));
      const dbtCopy = join(dir, 'dbt-full.duckdb');
      copyFileSync(embedded, dbtCopy);
      await timed('embedded full build', () => transformFile(embedded, true));
      await timed('dbt build (full)', async () => runDbt(dbtCopy));
      await expectSameRelations(embedded, dbtCopy);
    },
    STEP_TIMEOUT_MS,
  );

  it.skipIf(!hasDbt)(
    `incremental: the embedded incremental run equals dbt's full build of the same facts${hasDbt ? '' : ' (skipped)'}`,
    async () => {
      await timed('more postings', () => postMore(embedded));
      await timed('embedded incremental build', () => transformFile(embedded, false));
      const dbtCopy = join(dir, 'dbt-incremental.duckdb');
      copyFileSync(embedded, dbtCopy);
      await timed('dbt build --full-refresh', async () => runDbt(dbtCopy, '--full-refresh'));
      await expectSameRelations(embedded, dbtCopy);
    },
    STEP_TIMEOUT_MS,
  );
});

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.info(`parity: ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** A fresh database with a simulated small fiscal year 2025, closed (the file is copied next). */
async function buildDemo(path: string): Promise<void> {
  await initLedger({ path, adminToken: 'llt_parity-token' });
  await withLedger(path, (ledger) => simulateCompany(ledger, { scale: 'small', seed: 11, year: 2025 }));
}

async function transformFile(path: string, full: boolean): Promise<void> {
  const project = await loadProject(ROOT);
  const result = await withLedger(path, (ledger) => runTransform(ledger.db, project, { full, vars: VARS }));
  const failed = result.nodes.filter((node) => !['success', 'pass'].includes(node.status));
  expect(failed, 'embedded runner failures').toEqual([]);
  expect(result.mode).toBe(full ? 'full' : 'incremental');
}

/**
 * Postings the incremental run must pick up: a batch of journals with dimensions (one into the next fiscal
 * year, which extends the calendar), a reversal of one of them, closed periods, and the year-end close of
 * 2025 (closing-entry rows in fct_journal_lines and fct_account_balances).
 */
async function postMore(path: string): Promise<void> {
  await withLedger(path, async (ledger) => {
    const actor = { user: 'parity' };
    const journals = Array.from({ length: 40 }, (_, i) => ({
      date: i === 39 ? '2026-01-05' : `2025-12-${String(1 + (i % 28)).padStart(2, '0')}`,
      memo: `parity ${i}`,
      lines: [
        {
          account: i % 2 === 0 ? '6310' : '5110',
          debit: `${100 + i}.${String(i).padStart(2, '0')}`,
          department: 'ADM',
        },
        { account: '1130', credit: `${100 + i}.${String(i).padStart(2, '0')}` },
      ],
    }));
    const batch = await ledger.submit(postJournalBatchCommand(actor, journals));
    const results = (batch.body as { results: Array<{ status: string; number?: string }> }).results;
    expect(
      results.every((item) => item.status === 'accepted'),
      JSON.stringify(batch.body),
    ).toBe(true);
    await ledger.submit(reverseJournalCommand(actor, results[3]?.number as string, { date: '2025-12-31' }));
    for (let month = 1; month <= 11; month++) {
      await ledger.submit(periodCommand(actor, `2025-${String(month).padStart(2, '0')}`, 'close'));
    }
    const closed = await ledger.submit(closeFiscalYearCommand(actor, 2025, {}));
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
  });
}

async function withLedger<T>(path: string, work: (ledger: Ledger) => Promise<T>): Promise<T> {
  const ledger = await Ledger.open(path);
  try {
    return await work(ledger);
  } finally {
    await ledger.close();
  }
}

function runDbt(copy: string, ...args: string[]): void {
  const run = spawnSync('bash', [RUN_DBT, copy, '--vars', DBT_VARS, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: DBT_TIMEOUT_MS,
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  expect(run.status, `dbt build failed:\n${output.split('\n').slice(-40).join('\n')}`).toBe(0);
}

interface Fingerprint {
  type: string;
  columns: string;
  row_count: string;
  checksum: string;
}

async function expectSameRelations(ours: string, theirs: string): Promise<void> {
  const [mine, dbt] = await Promise.all([fingerprints(ours), fingerprints(theirs)]);
  expect(Object.keys(mine.relations).filter((name) => name.startsWith('marts.')).length).toBeGreaterThan(0);
  expect(mine.relations).toEqual(dbt.relations);
  expect(mine.checksumSql).toEqual(dbt.checksumSql);
}

/** Every relation of the built schemas, fingerprinted, and checksum.sql's own result, on one file. */
async function fingerprints(path: string) {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
  try {
    await connection.run("set TimeZone = 'UTC'");
    const listed = await rows(
      `select table_schema || '.' || table_name as name, table_type as type,
              (select string_agg(column_name || ' ' || data_type, ', ' order by ordinal_position)
               from information_schema.columns c
               where c.table_schema = t.table_schema and c.table_name = t.table_name) as columns
       from information_schema.tables t
       where table_catalog = current_database() and table_schema in (${SCHEMAS.map((s) => `'${s}'`).join(', ')})
       order by name`,
    );
    const relations: Record<string, Fingerprint> = {};
    for (const relation of listed) {
      const [name, type, columns] = [String(relation.name), String(relation.type), String(relation.columns)];
      const [sum] = await rows(
        `select count(*)::varchar as row_count, md5(coalesce(string_agg(row_md5, '' order by row_md5), '')) as checksum
         from (select md5(cast(r as varchar)) as row_md5 from (select * from ${quoted(name)}) as r)`,
      );
      relations[name] = { type, columns, row_count: String(sum?.row_count), checksum: String(sum?.checksum) };
    }
    return { relations, checksumSql: await rows(checksumQuery()) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function quoted(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');
}

/** checksum.sql without its comments and its `set` statement (run above): the one query it holds. */
function checksumQuery(): string {
  const text = readFileSync(CHECKSUM_SQL, 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  const statements = text
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '' && !/^set\s/i.test(statement));
  expect(statements).toHaveLength(1);
  return statements[0] as string;
}
