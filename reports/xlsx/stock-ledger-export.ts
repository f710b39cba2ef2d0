// The stock ledger of an item as a workbook, whole: every move of the range (of one warehouse, or of all) in
// posting order with the running quantity and value of the item in its warehouse, as the stock-ledger report
// shows a page of them, and totals as formulas. Streamed (streamed-sheet.ts), however many moves there are.
import type { Writable } from 'node:stream';
import type { DuckDBConnection } from '@duckdb/node-api';
import { LedgerError } from '../../ingest/index.ts';
import { STOCK_LEDGER_MOVES, stockLedger } from '../definitions/stock-ledger.ts';
import {
  checkSheetRows,
  STREAMED_ROWS_MAX,
  type StreamedSheet,
  sheetValuesSql,
  writeStreamedSheet,
} from './streamed-sheet.ts';

export interface StockLedgerExportParams {
  item: string;
  from: string;
  to: string;
  warehouse?: string | null;
}

const SHEET: StreamedSheet = {
  name: 'Stock ledger',
  columns: stockLedger.columns,
  wide: [],
  summed: ['quantity', 'value'],
};

const MOVES_SQL = `${STOCK_LEDGER_MOVES}
select ${sheetValuesSql(stockLedger.columns)}
from (select *, warehouse_code as warehouse from moves) as moves
order by seq`;

const COUNT_SQL = `${STOCK_LEDGER_MOVES}
select count(*)::bigint as moves from moves`;

function bound(params: StockLedgerExportParams) {
  return { item: params.item, from: params.from, to: params.to, warehouse: params.warehouse ?? null };
}

/** The moves an export would write; throws LedgerError for an unknown item or more moves than a sheet holds. */
export async function checkStockLedgerExport(
  connection: DuckDBConnection,
  params: StockLedgerExportParams,
  rowsMax = STREAMED_ROWS_MAX,
): Promise<number> {
  const item = await connection.runAndReadAll('select 1 from marts.dim_items where sku = $item limit 1', {
    item: params.item,
  });
  if (item.currentRowCount === 0) {
    const message = `no item has the SKU ${params.item}`;
    throw new LedgerError('invalid', 'item_not_found', message, [
      { path: 'item', code: 'item_not_found', message },
    ]);
  }
  return checkSheetRows(connection, COUNT_SQL, bound(params), 'moves', rowsMax);
}

/** Writes the workbook to `output` (checked first with checkStockLedgerExport); returns the moves written. */
export function writeStockLedgerExport(
  connection: DuckDBConnection,
  params: StockLedgerExportParams,
  output: Writable,
): Promise<number> {
  return writeStreamedSheet(connection, output, SHEET, MOVES_SQL, bound(params));
}
