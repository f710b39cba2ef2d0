// One sheet of rows streamed from a DuckDB query into a workbook, for the exports too large to hold (the general
// ledger, the stock ledger): DuckDB shapes each value as the cell holds it, the rows go chunk by chunk into
// exceljs' streaming writer as bulk rows (sheet-rows.ts), and the export waits for the zip and the output to
// drain, so memory stays bounded however many rows there are.
import type { Writable } from 'node:stream';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { LedgerError } from '../../ingest/index.ts';
import type { ColumnDef } from '../definition.ts';
import { columnLetter, EXACT_AMOUNT_MAX, SERIAL_DAY_ZERO } from './cells.ts';
import { BulkRows, type BulkValue } from './sheet-rows.ts';

/**
 * DuckDB's memory in a process that does nothing but export (`ledgerline export`): a sort spills to disk
 * beyond it, so a million-line export stays within 512 MB of RSS. A server keeps its own limit.
 */
export const EXPORT_PROCESS_MEMORY_LIMIT = '160MB';
/** Rows one streamed sheet may hold: a sheet holds 1 048 576 rows, less the header and the totals. */
export const STREAMED_ROWS_MAX = 1_048_000;
/** Sheet XML waiting to be compressed, or output waiting to be written, beyond which the export waits. */
const BACKLOG_BYTES_MAX = 2 * 1024 * 1024;
/** Deflate level of the workbook's zip: 1 is several times faster than the default, for a larger file. */
const ZIP_LEVEL = 1;
/** Column width in characters: wide for names and memos, narrow for the rest. */
const WIDE_COLUMN_CHARS = 40;
const COLUMN_CHARS = 14;

export interface StreamedSheet {
  name: string;
  columns: readonly ColumnDef[];
  /** Columns shown wide (names, memos). */
  wide: readonly string[];
  /** Columns summed in the totals row under the rows, as formulas. */
  summed: readonly string[];
}

/**
 * A select list of `columns` as the sheet's cells hold them, worked out by DuckDB rather than per cell in
 * JavaScript: a date as its spreadsheet serial (days since 1899-12-30, shown through the column's date format),
 * an amount or quantity as the binary number a spreadsheet holds, refused beyond EXACT_AMOUNT_MAX, where it
 * would no longer hold the cents.
 */
export function sheetValuesSql(columns: readonly ColumnDef[]): string {
  return columns
    .map(({ name, type }) => {
      if (type === 'date') return `(${name} - date '${SERIAL_DAY_ZERO}')::integer as ${name}`;
      if (type === 'money' || type === 'quantity' || type === 'number')
        return `case when abs(${name}) > ${EXACT_AMOUNT_MAX}
        then error('${name} ' || ${name} || ' is beyond what a spreadsheet holds exactly')
        else ${name}::double end as ${name}`;
      if (type === 'integer') return `${name}::integer as ${name}`;
      return name;
    })
    .join(',\n    ');
}

/**
 * The rows `countSql` (one row, one column) says an export would write; throws `export_too_large` when one
 * sheet cannot hold them, before the first byte. `what` names the rows in the message (lines, moves).
 */
export async function checkSheetRows(
  connection: DuckDBConnection,
  countSql: string,
  values: Record<string, DuckDBValue>,
  what: string,
  rowsMax: number,
): Promise<number> {
  const counted = await connection.runAndReadAll(countSql, values);
  const rows = Number(counted.getRows()[0]?.[0] ?? 0);
  if (rows > rowsMax) {
    const message = `the range holds ${rows} ${what}; one sheet holds at most ${rowsMax}: export a shorter range`;
    throw new LedgerError('invalid', 'export_too_large', message, [
      { path: 'to', code: 'export_too_large', message },
    ]);
  }
  return rows;
}

/**
 * Writes the workbook of one sheet to `output` and returns the rows written. `sql` (with `values` bound) yields
 * the columns of sheetValuesSql in the sheet's order; `shape`, if given, turns each chunk's columns into the
 * sheet's (e.g. adds a running balance).
 */
export async function writeStreamedSheet(
  connection: DuckDBConnection,
  output: Writable,
  spec: StreamedSheet,
  sql: string,
  values: Record<string, DuckDBValue>,
  shape: (columns: BulkValue[][]) => BulkValue[][] = (columns) => columns,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: ZIP_LEVEL } },
  });
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    pageSetup: {
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
  });
  sheet.columns = spec.columns.map((def) => ({
    header: def.label,
    key: def.name,
    width: spec.wide.includes(def.name) ? WIDE_COLUMN_CHARS : COLUMN_CHARS,
    style: { numFmt: def.format },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  const result = await connection.stream(sql, values);
  const bulk = new BulkRows(
    workbook,
    sheet,
    spec.columns.map((def) => ({
      style: { numFmt: def.format },
      type: def.type === 'text' ? ('text' as const) : ('number' as const),
    })),
  );
  let written = 0;
  for (
    let chunk = await result.fetchChunk();
    chunk && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    // Column by column, as DuckDB holds them: plain strings and numbers, no value objects per cell.
    written += bulk.writeColumns(shape(chunk.getColumns() as BulkValue[][]), chunk.rowCount);
    // Let the zip compress and the output drain before the next chunk, so rows never pile up in memory.
    await drained(sheet, output);
  }
  const totals = sheet.addRow([]);
  totals.getCell(1).value = 'Totals';
  if (written > 0) {
    for (const name of spec.summed) {
      const letter = columnLetter(spec.columns.findIndex((def) => def.name === name) + 1);
      totals.getCell(letter).value = { formula: `SUM(${letter}2:${letter}${written + 1})` };
    }
  }
  totals.font = { bold: true };
  totals.commit();
  sheet.commit();
  await workbook.commit();
  return written;
}

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
