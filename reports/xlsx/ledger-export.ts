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
import { columnLetter, EXACT_AMOUNT_MAX, SERIAL_DAY_ZERO } from './cells.ts';
import { LINE_COLUMNS, LINE_ORDER, WORDS_CTES, WORDS_JOINS } from './line-words.ts';
import { BulkRows, type BulkValue } from './sheet-rows.ts';

/**
 * DuckDB's memory in a process that does nothing but export (`ledgerline export`): the final sort spills to
 * disk beyond it, so a million-line export stays within 512 MB of RSS. A server keeps its own limit.
 */
export const EXPORT_PROCESS_MEMORY_LIMIT = '160MB';

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

/** The cells' styles, one per column, as exceljs registers them; numbers and dates come as numbers. */
const CELL_STYLES = COLUMNS.map((def) => ({
  style: { numFmt: def.format },
  type: def.type === 'text' ? ('text' as const) : ('number' as const),
}));

/**
 * The lines as the sheet's cells hold them, worked out by DuckDB rather than per cell in JavaScript: a date as
 * its spreadsheet serial (days since 1899-12-30, shown through the column's date format), an amount as the
 * binary number a spreadsheet holds, refused beyond EXACT_AMOUNT_MAX, where it would no longer hold the cents.
 */
const SHEET_VALUES = COLUMNS.filter((def) => def.name !== 'running_balance')
  .map((def) => {
    const name = def.name;
    if (def.type === 'date') return `(${name} - date '${SERIAL_DAY_ZERO}')::integer as ${name}`;
    if (def.type === 'money')
      return `case when abs(${name}) > ${EXACT_AMOUNT_MAX}
        then error('${name} ' || ${name} || ' is beyond what a spreadsheet holds to the cent')
        else ${name}::double end as ${name}`;
    if (def.type === 'integer') return `${name}::integer as ${name}`;
    return name;
  })
  .join(',\n    ');

const IN_SCOPE = `(cast($account as varchar) is null or account_code in (${LEAF_SCOPE_SQL}))`;

const RANGE_LINES_CTE = `range_lines as (
    select seq, posting_date, document_number, line_no, account_code, department, cost_center, project,
        debit, credit, amount
    from marts.fct_journal_lines
    where posting_date between cast($from as date) and cast($to as date)
        and ${IN_SCOPE}
        and ${dimensionFilter()}
)`;

/** Each account's balance before the range, in cents (whole numbers, exact as doubles; see EXACT_CENTS_MAX). */
const openingSql = (from: string | null) => `
select account_code, (sum(amount) * 100)::double as cents
from (${movementsBetween(BEGINNING, 'cast($from as date) - 1', cutsBefore(from))})
where ${IN_SCOPE}
group by account_code`;

/**
 * The lines in the sheet's order, each with its amount in cents: the running balance is summed while the rows
 * stream (an account's opening plus its amounts so far), as a window in DuckDB would, but without
 * materialising and sorting the lines twice.
 */
const LINES_SQL = `
with

${RANGE_LINES_CTE},

${WORDS_CTES},

lines as (
    select
        ${LINE_COLUMNS},
        (range_lines.amount * 100)::double as amount_cents
    from range_lines
    ${WORDS_JOINS}
    ${LINE_ORDER}
)

select ${SHEET_VALUES}, amount_cents
from lines`;

const COUNT_SQL = `
select count(*)::bigint as lines
from marts.fct_journal_lines
where posting_date between cast($from as date) and cast($to as date)
    and ${IN_SCOPE}
    and ${dimensionFilter()}`;

/** Sheet XML waiting to be compressed, or output waiting to be written, beyond which the export waits. */
const BACKLOG_BYTES_MAX = 2 * 1024 * 1024;
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

/**
 * Whole cents as doubles are exact up to 2^53; the balances are kept far below that (the amounts a
 * spreadsheet holds to the cent, EXACT_AMOUNT_MAX), so every sum of them is exact too.
 */
const EXACT_CENTS_MAX = EXACT_AMOUNT_MAX * 100;

/** Each account's running balance down the sorted lines, in exact whole cents, shown in units. */
class RunningBalance {
  private account: string | null = null;
  private cents = 0;

  constructor(private readonly openingCents: ReadonlyMap<string, number>) {}

  /** The balance after each line of a chunk, given its accounts and amounts in cents. */
  along(accounts: readonly string[], amounts: readonly number[]): number[] {
    const balances = new Array<number>(amounts.length);
    for (let index = 0; index < amounts.length; index++) {
      const account = accounts[index] as string;
      if (account !== this.account) {
        this.account = account;
        this.cents = this.openingCents.get(account) ?? 0;
      }
      this.cents += amounts[index] as number;
      if (Math.abs(this.cents) > EXACT_CENTS_MAX)
        throw new Error(`the balance of ${account} is beyond what a spreadsheet holds to the cent`);
      balances[index] = this.cents / 100;
    }
    return balances;
  }
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

  const bind = boundValues(params);
  const openingQuery = openingSql(params.from);
  const openings = await connection.runAndReadAll(openingQuery, bind(openingQuery));
  const openingCents = new Map(
    openings.getRowObjectsJS().map((row) => [String(row.account_code), Number(row.cents)] as const),
  );
  const result = await connection.stream(LINES_SQL, bind(LINES_SQL));
  const bulk = new BulkRows(workbook, sheet, CELL_STYLES);
  const balance = new RunningBalance(openingCents);
  let written = 0;
  for (
    let chunk = await result.fetchChunk();
    chunk && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    // Column by column, as DuckDB holds them: plain strings and numbers, no value objects per cell.
    const columns = chunk.getColumns() as BulkValue[][];
    const cents = columns.pop() as number[];
    columns.push(balance.along(columns[0] as string[], cents));
    written += bulk.writeColumns(columns, chunk.rowCount);
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
