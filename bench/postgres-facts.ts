// The ledger's facts copied into PostgreSQL as an ERP would keep them: journal_lines (exported from DuckDB to
// CSV, loaded with COPY) with the indexes an ERP has on its lines, and the chart of accounts beside it.
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import type { Database } from '../ingest/db/database.ts';

const LINES_DDL = `
create table journal_lines (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    account_code varchar not null,
    debit numeric(18, 2) not null,
    credit numeric(18, 2) not null,
    department varchar,
    cost_center varchar,
    project varchar,
    party varchar,
    memo varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
)`;

const ACCOUNTS_DDL = `
create table accounts (
    code varchar primary key,
    name varchar not null,
    type varchar not null,
    parent_code varchar,
    is_group boolean not null,
    statement varchar not null,
    statement_section varchar not null,
    statement_line varchar not null,
    cash_flow_category varchar not null,
    cash_flow_line varchar not null,
    sort_order integer not null
)`;

/** What a general ledger, statements and document look-ups need (issue 4). */
const INDEXES = [
  'create index journal_lines_account_date on journal_lines (account_code, posting_date)',
  'create index journal_lines_date on journal_lines (posting_date)',
  'create index journal_lines_document on journal_lines (document_number)',
];

const ACCOUNT_COLUMNS =
  'code, name, type, parent_code, is_group, statement, statement_section, statement_line, cash_flow_category, cash_flow_line, sort_order';

export interface LoadTimes {
  rows: number;
  exportSeconds: number;
  copySeconds: number;
  indexSeconds: number;
  analyzeSeconds: number;
}

async function timedSeconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

/** Exports facts.journal_lines and ref.accounts to CSV files in `dir` (which the server can read). */
async function exportCsv(db: Database, dir: string): Promise<{ lines: string; accounts: string }> {
  const lines = join(dir, 'journal_lines.csv');
  const accounts = join(dir, 'accounts.csv');
  await db.withReader(async (connection) => {
    await connection.run(`copy facts.journal_lines to '${lines}' (format csv, header false)`);
    await connection.run(
      `copy (select ${ACCOUNT_COLUMNS} from ref.accounts) to '${accounts}' (format csv, header false)`,
    );
  });
  for (const file of [lines, accounts]) chmodSync(file, 0o644);
  return { lines, accounts };
}

/** Loads the facts into an empty PostgreSQL database and indexes them; the CSV files are removed after. */
export async function loadFacts(db: Database, pool: Pool, dir: string): Promise<LoadTimes> {
  let files = { lines: '', accounts: '' };
  const exportSeconds = await timedSeconds(async () => {
    files = await exportCsv(db, dir);
  });
  try {
    const copySeconds = await timedSeconds(async () => {
      await pool.query(LINES_DDL);
      await pool.query(ACCOUNTS_DDL);
      await pool.query(`copy journal_lines from '${files.lines}' (format csv)`);
      await pool.query(`copy accounts from '${files.accounts}' (format csv)`);
    });
    // The indexes build in parallel, as a DBA would run them on a two-core machine.
    const indexSeconds = await timedSeconds(() => Promise.all(INDEXES.map((sql) => pool.query(sql))));
    const analyzeSeconds = await timedSeconds(() => pool.query('vacuum analyze'));
    const counted = await pool.query<{ rows: string }>('select count(*) as rows from journal_lines');
    const rows = Number(counted.rows[0]?.rows ?? 0);
    return { rows, exportSeconds, copySeconds, indexSeconds, analyzeSeconds };
  } finally {
    for (const file of Object.values(files)) rmSync(file, { force: true });
  }
}
