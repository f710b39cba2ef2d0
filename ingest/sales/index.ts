// The order-to-cash module's public face: sales orders and their states, shipments, customer invoices, credit
// notes and receipts, and their reads.
export { CREDIT_NOTE_TYPE, creditNoteCommand } from './credit-notes.ts';
export { CUSTOMER_INVOICE_TYPE, customerInvoiceCommand } from './invoices.ts';
export {
  customerInvoiceKey,
  customerKey,
  customerOfInvoice,
  customerOfOrder,
  salesOrderKey,
} from './keys.ts';
export { SALES_TRANSITIONS, salesOrderActionCommand } from './order-actions.ts';
export { O2C_PROCESS, SALES_ORDER_TYPE } from './order-state.ts';
export { salesOrderCommand } from './orders.ts';
export { getSalesDocument, getSalesOrder, orderConfirmationHtml, type SalesDocumentType } from './read.ts';
export { CUSTOMER_RECEIPT_TYPE, customerReceiptCommand } from './receipts.ts';
export {
  CreditNoteInput,
  CustomerInvoiceInput,
  CustomerReceiptInput,
  SALES_ORDER_ACTIONS,
  type SalesOrderAction,
  SalesOrderActionInput,
  SalesOrderInput,
  ShipmentInput,
} from './schema.ts';
export { SHIPMENT_TYPE, shipmentCommand } from './shipments.ts';
