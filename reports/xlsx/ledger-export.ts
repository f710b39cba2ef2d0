// The general ledger as a workbook, whole: every line of the range (of one account or group, or of all),
// by account, date and seq, with each account's running balance from its opening balance. Streamed: rows
// go from DuckDB's result chunks straight into exceljs' streaming writer, so memory stays bounded however
// many lines the range holds.
import type { Writable } from 'node:stream';
import type { DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { LedgerError } from '../../ingest/index.ts';
import { column } from '../definition.ts';
import {
  accountNotFound,
  BEGINNING,
  cutsBefore,
  dimensionFilter,
  LEAF_SCOPE_SQL,
  movementsBetween,
} from '../statements/fragments.ts';
import { cellValue, columnLetter } from './cells.ts';
import { LINE_COLUMNS, LINE_ORDER, WORDS_CTES, WORDS_JOINS } from './line-words.ts';

/**
 * DuckDB's memory in a process that does nothing but export (`ledgerline export`): the final sort spills to
 * disk beyond it, so a million-line export stays within 512 MB of RSS. A server keeps its own limit.
 */
export const EXPORT_PROCESS_MEMORY_LIMIT = '192MB';

/** Lines one export may hold: a sheet holds 1 048 576 rows, less the header and the totals. */
export const LEDGER_EXPORT_LINES_MAX = 1_048_000;

export interface LedgerExportParams {
  from: string;
  to: string;
  /** An account, or a group standing for every account below it; every account when absent. */
  account?: string | null;
  department?: string | null;
  cost_center?: string | null;
  project?: string | null;
}

const COLUMNS = [
  column('account_code', 'Account', 'text'),
  column('account_name', 'Account name', 'text'),
  column('posting_date', 'Date', 'date'),
  column('document_number', 'Document', 'text'),
  column('line_no', 'Line', 'integer'),
  column('memo', 'Memo', 'text'),
  column('department', 'Department', 'text'),
  column('cost_center', 'Cost centre', 'text'),
  column('project', 'Project', 'text'),
  column('debit', 'Debit', 'money'),
  column('credit', 'Credit', 'money'),
  column('running_balance', 'Balance', 'money'),
];

const IN_SCOPE = `(cast($account as varchar) is null or account_code in (${LEAF_SCOPE_SQL}))`;

const RANGE_LINES_CTE = `range_lines as (
    select seq, posting_date, document_number, line_no, account_code, department, cost_center, project,
        debit, credit, amount
    from marts.fct_journal_lines
    where posting_date between cast($from as date) and cast($to as date)
        and ${IN_SCOPE}
        and ${dimensionFilter()}
)`;

/**
 * The running balances are worked out on narrow rows (seq, account, date, amount) and joined back by seq, so
 * the wide rows with their words are materialised once, by the final sort, which DuckDB can spill to disk.
 */
const exportSql = (from: string | null) => `
with

opening as (
    select account_code, sum(amount) as amount
    from (${movementsBetween(BEGINNING, 'cast($from as date) - 1', cutsBefore(from))})
    where ${IN_SCOPE}
    group by account_code
),

${RANGE_LINES_CTE},

running as (
    select
        range_lines.seq,
        (coalesce(opening.amount, 0) + sum(range_lines.amount) over (
            partition by range_lines.account_code
            order by range_lines.posting_date, range_lines.seq
            rows between unbounded preceding and current row
        ))::decimal(18, 2) as running_balance
    from range_lines
    left join opening
        on range_lines.account_code = opening.account_code
),

${WORDS_CTES}

select
    ${LINE_COLUMNS},
    running.running_balance
from range_lines
inner join running
    on range_lines.seq = running.seq
${WORDS_JOINS}
${LINE_ORDER}`;

const COUNT_SQL = `
select count(*)::bigint as lines
from marts.fct_journal_lines
where posting_date between cast($from as date) and cast($to as date)
    and ${IN_SCOPE}
    and ${dimensionFilter()}`;

/** Sheet XML waiting to be compressed, or output waiting to be written, beyond which the export waits. */
const BACKLOG_BYTES_MAX = 8 * 1024 * 1024;
/** Deflate level of the workbook's zip: 1 is several times faster than the default, for a larger file. */
const ZIP_LEVEL = 1;

/**
 * Waits until the rows written so far have moved on. exceljs' streaming writer passes the sheet's XML to the
 * zip without backpressure (its buffer never says "full"), so the export itself waits for the stream the
 * sheet feeds (the zip entry's) to drain, and for the output; otherwise a fast query outruns the deflate and
 * the whole sheet piles up in memory.
 */
async function drained(sheet: unknown, output: Writable): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const pipes = (sheet as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  for (const sink of [...pipes, output]) {
    while (backlog(sink) > BACKLOG_BYTES_MAX && !sink.destroyed) {
      await new Promise((resolve) => sink.once('drain', resolve));
    }
  }
}

/** Bytes a writable holds unwritten; the zip's streams come from readable-stream 2, which lacks writableLength. */
function backlog(sink: Writable): number {
  const legacy = sink as unknown as { _writableState?: { length?: number } };
  return sink.writableLength ?? legacy._writableState?.length ?? 0;
}

function boundValues(params: LedgerExportParams) {
  const values: Record<string, string | null> = {
    from: params.from,
    to: params.to,
    account: params.account ?? null,
    department: params.department ?? null,
    cost_center: params.cost_center ?? null,
    project: params.project ?? null,
  };
  return (sql: string) =>
    Object.fromEntries(Object.entries(values).filter(([name]) => sql.includes(`$${name}`)));
}

/** The lines an export would write; throws LedgerError for an unknown account or more lines than a sheet holds. */
export async function checkLedgerExport(
  connection: DuckDBConnection,
  params: LedgerExportParams,
  linesMax = LEDGER_EXPORT_LINES_MAX,
): Promise<number> {
  if (params.account) {
    const found = await connection.runAndReadAll(
      'select code from marts.dim_accounts where code = $account',
      {
        account: params.account,
      },
    );
    if (found.currentRowCount === 0) {
      const problem = accountNotFound(params.account);
      throw new LedgerError('invalid', problem.code, problem.message, [problem]);
    }
  }
  const counted = await connection.runAndReadAll(COUNT_SQL, boundValues(params)(COUNT_SQL));
  const lines = Number(counted.getRowObjectsJson()[0]?.lines ?? 0);
  if (lines > linesMax) {
    const message = `the range holds ${lines} lines; one sheet holds at most ${linesMax}: export a shorter range`;
    throw new LedgerError('invalid', 'export_too_large', message, [
      { path: 'to', code: 'export_too_large', message },
    ]);
  }
  return lines;
}

/** Writes the workbook to `output` (checked first with checkLedgerExport) and returns the lines written. */
export async function writeLedgerExport(
  connection: DuckDBConnection,
  params: LedgerExportParams,
  output: Writable,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: ZIP_LEVEL } },
  });
  const sheet = workbook.addWorksheet('General ledger', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    pageSetup: {
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
  });
  sheet.columns = COLUMNS.map((def) => ({
    header: def.label,
    key: def.name,
    width: def.name === 'memo' || def.name === 'account_name' ? 40 : 14,
    style: { numFmt: def.format },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  const sql = exportSql(params.from);
  const result = await connection.stream(sql, boundValues(params)(sql));
  let written = 0;
  for await (const rows of result.yieldRowObjectJson()) {
    for (const row of rows) {
      sheet.addRow(COLUMNS.map((def) => cellValue(row[def.name], def.type))).commit();
      written++;
    }
    // Let the zip compress and the output drain before the next chunk, so rows never pile up in memory.
    await drained(sheet, output);
  }
  // Totals as formulas over the lines above them.
  const debit = columnLetter(COLUMNS.findIndex((def) => def.name === 'debit') + 1);
  const credit = columnLetter(COLUMNS.findIndex((def) => def.name === 'credit') + 1);
  const totals = sheet.addRow([]);
  totals.getCell(1).value = 'Totals';
  if (written > 0) {
    totals.getCell(debit).value = { formula: `SUM(${debit}2:${debit}${written + 1})` };
    totals.getCell(credit).value = { formula: `SUM(${credit}2:${credit}${written + 1})` };
  }
  totals.font = { bold: true };
  totals.commit();
  sheet.commit();
  await workbook.commit();
  return written;
}
