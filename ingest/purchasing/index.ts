// The purchasing module's public face: orders and their states, receipts, invoices, payments, the plan.
export { DEFAULT_APPROVAL_RULES, requiredApprovals } from './approval.ts';
export { SUPPLIER_INVOICE_TYPE, supplierInvoiceCommand } from './invoices.ts';
export { DEFAULT_MATCH_TOLERANCE, matchInvoiceLine } from './match.ts';
export { orderActionCommand, TRANSITIONS } from './order-actions.ts';
export { P2P_PROCESS, PURCHASE_ORDER_TYPE } from './order-state.ts';
export { purchaseOrderCommand } from './orders.ts';
export { SUPPLIER_PAYMENT_TYPE, supplierPaymentCommand } from './payments.ts';
export { planOrdersCommand, purchasePlanAnswer } from './plan-read.ts';
export { getOrder, getPurchaseDocument, orderDocumentHtml, type PurchaseDocumentType } from './read.ts';
export { GOODS_RECEIPT_TYPE, goodsReceiptCommand } from './receipts.ts';
export {
  GoodsReceiptInput,
  ORDER_ACTIONS,
  type OrderAction,
  OrderActionInput,
  PlanOrdersInput,
  PurchaseOrderInput,
  PurchasePlanQuery,
  SupplierInvoiceInput,
  SupplierPaymentInput,
} from './schema.ts';
