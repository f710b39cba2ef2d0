// `ledgerline export`: a report of the catalogue to a file — a workbook (xlsx) or CSV — with the same
// parameters the API takes. The general and stock ledgers as xlsx are the whole range, streamed. The file appears
// complete or not at all: it is written beside the target and renamed into place.
import { createWriteStream, existsSync, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type Ledger, LedgerError } from '../../ingest/index.ts';
import { renderCsv, runReport } from '../../reports/index.ts';
import { exportParquet, PARQUET_SCHEMAS, type ParquetSchema } from '../../reports/parquet.ts';
import { writeWhole } from '../../reports/write-whole.ts';
import {
  checkLedgerExport,
  EXPORT_PROCESS_MEMORY_LIMIT,
  writeLedgerExport,
} from '../../reports/xlsx/ledger-export.ts';
import { checkStockLedgerExport, writeStockLedgerExport } from '../../reports/xlsx/stock-ledger-export.ts';
import { renderWorkbook } from '../../reports/xlsx/workbook.ts';
import { readFreshness } from '../../schedules/freshness.ts';
import { type CliIo, say } from '../io.ts';
import { dbPathFor, withLedger } from '../ledger-file.ts';
import { dbOption } from '../options.ts';

interface ExportFlags {
  db?: string;
  format: 'xlsx' | 'csv' | 'parquet';
  out: string;
  from?: string;
  to?: string;
  asOf?: string;
  account?: string;
  item?: string;
  warehouse?: string;
  department?: string;
  costCenter?: string;
  project?: string;
  compare?: string;
  columns?: string;
  method?: string;
}

function isoDate(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new InvalidArgumentError('a date is YYYY-MM-DD.');
  return text;
}

export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description(
      'write a report or statement to a file: xlsx (live formulas) or csv; the general and stock ledgers stream',
    )
    .argument('<report>', 'a report id of the catalogue (balance-sheet, general-ledger…), or facts or marts')
    .addOption(dbOption())
    .addOption(
      new Option('--format <format>', 'xlsx or csv for a report; parquet for facts or marts')
        .choices(['xlsx', 'csv', 'parquet'])
        .makeOptionMandatory(),
    )
    .requiredOption('--out <path>', 'the file to write (a directory for parquet)')
    .option('--from <date>', 'first day of the range (YYYY-MM-DD)', isoDate)
    .option('--to <date>', 'last day of the range (YYYY-MM-DD)', isoDate)
    .option('--as-of <date>', 'balance date (trial balance, balance sheet)', isoDate)
    .option('--account <code>', 'general ledger: an account or group (every account when absent, xlsx)')
    .option('--item <sku>', 'stock ledger: the item (xlsx streams every move of the range)')
    .option('--warehouse <code>', 'stock ledger: only moves in this warehouse')
    .option('--department <code>', 'only lines of this department')
    .option('--cost-center <code>', 'only lines of this cost centre')
    .option('--project <code>', 'only lines of this project')
    .option('--compare <how>', 'income statement: none, previous-period or previous-year')
    .option('--columns <how>', 'income statement: total, month or quarter')
    .option('--method <how>', 'cash flow: indirect or direct')
    .action(async (report: string, flags: ExportFlags) => {
      const written = await withLedger(dbPathFor(io, flags.db), (ledger) =>
        writeWhole(flags.out, (partial) => exportTo(ledger, report, flags, partial)),
      );
      say(io, `${report}: ${written} → ${flags.out}`);
    });
}

async function exportTo(ledger: Ledger, report: string, flags: ExportFlags, path: string): Promise<string> {
  const parquetSource = (PARQUET_SCHEMAS as readonly string[]).includes(report);
  if (parquetSource !== (flags.format === 'parquet')) {
    throw usage(
      'format',
      'format_not_for_this_export',
      `parquet exports the ${PARQUET_SCHEMAS.join(' or the ')}; a report exports to xlsx or csv`,
    );
  }
  if (parquetSource) {
    if (existsSync(flags.out)) {
      throw usage('out', 'export_target_exists', `${flags.out} exists; parquet goes into a new directory`);
    }
    const tables = await ledger.db.withReader((connection) =>
      exportParquet(connection, report as ParquetSchema, path),
    );
    const rows = tables.reduce((sum, table) => sum + table.rows, 0);
    return `${tables.length} tables, ${rows} rows`;
  }
  const dimensions = { department: flags.department, cost_center: flags.costCenter, project: flags.project };
  if (report === 'general-ledger' && flags.format === 'xlsx') {
    if (!flags.from || !flags.to)
      throw usage('from', 'range_required', 'the general ledger needs --from and --to');
    const params = { from: flags.from, to: flags.to, account: flags.account, ...dimensions };
    const lines = await streamTo(ledger, path, {
      check: (connection) => checkLedgerExport(connection, params),
      write: (connection, output) => writeLedgerExport(connection, params, output),
    });
    return `${lines} lines`;
  }
  if (report === 'stock-ledger' && flags.format === 'xlsx') {
    if (!flags.item) throw usage('item', 'item_required', 'the stock ledger needs --item');
    if (!flags.from || !flags.to)
      throw usage('from', 'range_required', 'the stock ledger needs --from and --to');
    const params = { item: flags.item, from: flags.from, to: flags.to, warehouse: flags.warehouse };
    const moves = await streamTo(ledger, path, {
      check: (connection) => checkStockLedgerExport(connection, params),
      write: (connection, output) => writeStockLedgerExport(connection, params, output),
    });
    return `${moves} moves`;
  }
  const raw = Object.fromEntries(
    Object.entries({
      from: flags.from,
      to: flags.to,
      as_of: flags.asOf,
      account: flags.account,
      item: flags.item,
      warehouse: flags.warehouse,
      compare: flags.compare,
      columns: flags.columns,
      method: flags.method,
      ...dimensions,
    }).filter(([, value]) => value !== undefined),
  );
  const result = await runReport(ledger.db, report, raw);
  if (flags.format === 'csv') {
    writeFileSync(path, renderCsv(result));
  } else {
    const freshness = await readFreshness(ledger.db);
    const workbook = await renderWorkbook(ledger.db, result, {
      company: ledger.state.settings.companyName,
      generatedAt: new Date().toISOString(),
      refreshedAt: freshness.refreshed_at,
      lastFactSeq: freshness.last_fact_seq,
    });
    writeFileSync(path, workbook);
  }
  return `${result.rows.length} rows`;
}

interface StreamedExport {
  check(connection: DuckDBConnection): Promise<unknown>;
  write(connection: DuckDBConnection, output: Writable): Promise<number>;
}

/** A streamed workbook to `path`: checked first, then written row chunk by row chunk. */
function streamTo(ledger: Ledger, path: string, work: StreamedExport): Promise<number> {
  return ledger.db.withReader(async (connection) => {
    // This process only exports: DuckDB may spill its sort to disk rather than hold it all in memory.
    await connection.run(`set memory_limit = '${EXPORT_PROCESS_MEMORY_LIMIT}'`);
    await work.check(connection);
    const output = createWriteStream(path);
    const written = await work.write(connection, output);
    await finished(output);
    return written;
  });
}

/** Bad input to the command: exit 2 with the field and rule named, nothing written. */
function usage(path: string, code: string, message: string): LedgerError {
  return new LedgerError('invalid', code, message, [{ path, code, message }]);
}
