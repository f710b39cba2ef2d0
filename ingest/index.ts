// The public face of the write path: what api/, cli/ and the demo may use.
export {
  createTokenCommand,
  createUserCommand,
  hashPassword,
  newToken,
  principalForToken,
  verifyLogin,
} from './access/commands.ts';
export { LoginInput, Role, TokenInput, UserInput } from './access/schema.ts';
export {
  AssetInput,
  AssetRegisterQuery,
  assetRegister,
  assetSchedule,
  DepreciationRunInput,
  DisposalInput,
  depreciationRunCommand,
  disposeAssetCommand,
  getAsset,
  registerAssetCommand,
} from './assets/index.ts';
export { DEFAULT_DB_PATH, resolveDbPath } from './db/database.ts';
export { type ErrorKind, type FieldError, LedgerError } from './errors.ts';
export { addAccountCommand } from './finance/accounts.ts';
export {
  type Actor,
  periodCommand,
  postJournalBatchCommand,
  postJournalCommand,
  reverseJournalCommand,
} from './finance/commands.ts';
export {
  fiscalYearsWithPostings,
  getJournal,
  listAccounts,
  listJournals,
  listPeriods,
  PAGE_ROWS_DEFAULT,
  PAGE_ROWS_MAX,
} from './finance/read.ts';
export {
  AccountInput,
  BATCH_JOURNALS_MAX,
  FiscalYear,
  JOURNAL_LINES_MAX,
  JournalBatchInput,
  JournalInput,
  JournalLineInput,
  PeriodActionInput,
  ReversalInput,
  YearEndCloseInput,
} from './finance/schema.ts';
export { CLOSING_LINES_MAX, closeFiscalYearCommand, YEAR_END_CLOSE_TYPE } from './finance/year-end.ts';
export {
  getStockDocument,
  StockBalanceQuery,
  StockCountInput,
  type StockDocumentType,
  StockIssueInput,
  StockTransferInput,
  stockBalance,
  stockCountCommand,
  stockIssueCommand,
  stockTransferCommand,
} from './inventory/index.ts';
export { POSTED_JOURNAL_LINES_MAX } from './journal.ts';
export { Ledger } from './ledger.ts';
export {
  CustomerFields,
  CustomerInput,
  customerCommand,
  getCustomer,
  getItem,
  getSupplier,
  getWarehouse,
  ItemFields,
  ItemInput,
  itemCommand,
  MasterKey,
  SupplierFields,
  SupplierInput,
  supplierCommand,
  WarehouseFields,
  WarehouseInput,
  warehouseCommand,
} from './masterdata/index.ts';
export { formatMoney, parseMoney } from './money.ts';
export {
  GoodsReceiptInput,
  getOrder,
  getPurchaseDocument,
  goodsReceiptCommand,
  ORDER_ACTIONS,
  type OrderAction,
  OrderActionInput,
  orderActionCommand,
  orderDocumentHtml,
  PlanOrdersInput,
  type PurchaseDocumentType,
  PurchaseOrderInput,
  PurchasePlanQuery,
  planOrdersCommand,
  purchaseOrderCommand,
  purchasePlanAnswer,
  SupplierInvoiceInput,
  SupplierPaymentInput,
  supplierInvoiceCommand,
  supplierPaymentCommand,
} from './purchasing/index.ts';
export {
  CreditNoteInput,
  CustomerInvoiceInput,
  CustomerReceiptInput,
  creditNoteCommand,
  customerInvoiceCommand,
  customerInvoiceKey,
  customerKey,
  customerOfInvoice,
  customerOfOrder,
  customerReceiptCommand,
  getSalesDocument,
  getSalesOrder,
  orderConfirmationHtml,
  SALES_ORDER_ACTIONS,
  type SalesDocumentType,
  type SalesOrderAction,
  SalesOrderActionInput,
  SalesOrderInput,
  ShipmentInput,
  salesOrderActionCommand,
  salesOrderCommand,
  salesOrderKey,
  shipmentCommand,
} from './sales/index.ts';
export { type InitOptions, initLedger } from './setup.ts';
export { Code, IsoDate, Period, parseOrThrow, zodFieldErrors } from './validation.ts';
export type { Command, Outcome } from './writer.ts';
