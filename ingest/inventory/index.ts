// The inventory module's public face: warehouse documents, their reads, and the valuation they rest on.
export { stockCountCommand } from './count.ts';
export { stockIssueCommand } from './issue.ts';
export {
  checkPostable,
  checkWarehouse,
  INVENTORY_PROCESS,
  lineItem,
  MoveLog,
  type MoveType,
  pickFor,
  takeOut,
} from './moves.ts';
export { formatMicros, formatQuantity, parseQuantity, units, valueAt } from './quantity.ts';
export { getStockDocument, type StockDocumentType, stockBalance } from './read.ts';
export {
  DOCUMENT_LINES_MAX,
  StockBalanceQuery,
  StockCountInput,
  StockIssueInput,
  StockTransferInput,
} from './schema.ts';
export { positionKey, StockWork } from './stock-state.ts';
export { stockTransferCommand } from './transfer.ts';
export { StockPosition, type ValuationMethod } from './valuation.ts';
