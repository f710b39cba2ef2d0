// Purchasing over HTTP: orders (raise, approve, send, close, cancel, print), goods receipts, supplier
// invoices and payments, each posted whole; the purchase plan and the orders made from it.
import type { z } from 'zod';
import {
  type Command,
  GoodsReceiptInput,
  getOrder,
  getPurchaseDocument,
  goodsReceiptCommand,
  type Ledger,
  ORDER_ACTIONS,
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
} from '../ingest/index.ts';
import { actorOf, submit } from './command.ts';
import { type Access, FINANCE_ROLES, PAYABLES_ROLES, PURCHASING_ROLES, RECEIVING_ROLES } from './env.ts';
import { DocumentNumber, locationOf } from './inventory.ts';
import { DocumentAnswer, DocumentPosted } from './p2p-shapes.ts';
import { type Area, type RouteDef, route } from './route.ts';

/** Who may approve an order: the buyers, finance (for the rules that name it) and admin. */
const APPROVER_ROLES = ['admin', 'purchasing', 'finance'] as const;

function orderRoutes(ledger: Ledger): RouteDef[] {
  const actions = ORDER_ACTIONS.map((action) =>
    route({
      method: 'post',
      path: `/:number/${action}`,
      id: `${action}PurchaseOrder`,
      summary: `${action[0]?.toUpperCase()}${action.slice(1)} a purchase order (a status event; 409 \`invalid_status_transition\` from the wrong status)`,
      access: action === 'approve' ? APPROVER_ROLES : PURCHASING_ROLES,
      writes: true,
      params: DocumentNumber,
      body: OrderActionInput,
      bodyOptional: true,
      responses: {
        200: { description: 'the order status and approvals still missing', schema: DocumentPosted },
        403: { description: '`approver_is_creator`, `approval_role_required`' },
        409: { description: '`invalid_status_transition`' },
      },
      handle: (c, { params, body }) => {
        const actor = { ...actorOf(c), role: c.get('principal').role };
        return submit(c, ledger, orderActionCommand(actor, params.number, action, body));
      },
    }),
  );
  return [
    route({
      method: 'post',
      path: '/',
      id: 'raisePurchaseOrder',
      summary:
        'Raise a purchase order (draft), with the approvals its total requires under the approval rules',
      access: PURCHASING_ROLES,
      writes: true,
      body: PurchaseOrderInput,
      responses: { 201: { description: 'the draft order', schema: DocumentPosted } },
      handle: (c, { body }) =>
        submit(c, ledger, purchaseOrderCommand(actorOf(c), body), locationOf('/api/v1/purchase-orders')),
    }),
    ...actions,
    route({
      method: 'get',
      path: '/:number',
      id: 'getPurchaseOrder',
      summary: 'One order: lines with received, accepted, invoiced and open quantities; status and history',
      access: 'signed_in',
      params: DocumentNumber,
      responses: { 200: { description: 'the order', schema: DocumentAnswer } },
      handle: async (c, { params }) => c.json(await getOrder(ledger.db, params.number)),
    }),
    route({
      method: 'get',
      path: '/:number/document',
      id: 'printPurchaseOrder',
      summary: 'The order as a printable HTML page for the supplier',
      access: 'signed_in',
      params: DocumentNumber,
      responses: { 200: { description: 'the order document', mediaType: 'text/html' } },
      handle: async (c, { params }) =>
        c.html(await orderDocumentHtml(ledger.db, params.number, ledger.state.settings.companyName)),
    }),
  ];
}

interface PostedSpec<B extends z.ZodType> {
  type: PurchaseDocumentType;
  id: string;
  summary: string;
  access: Access;
  body: B;
  command: (actor: ReturnType<typeof actorOf>, input: z.output<B>) => Command;
  refusals: string;
}

function postedArea<B extends z.ZodType>(ledger: Ledger, spec: PostedSpec<B>): Area {
  const prefix = `/api/v1/${spec.type}s`;
  return {
    prefix,
    tag: 'purchasing',
    routes: [
      route({
        method: 'post',
        path: '/',
        id: `post${spec.id}`,
        summary: spec.summary,
        access: spec.access,
        writes: true,
        body: spec.body,
        responses: {
          201: { description: 'posted, with its journal', schema: DocumentPosted },
          422: { description: spec.refusals },
        },
        handle: (c, { body }) =>
          submit(c, ledger, spec.command(actorOf(c), body as z.output<B>), locationOf(prefix)),
      }),
      route({
        method: 'get',
        path: '/:number',
        id: `get${spec.id}`,
        summary: `One ${spec.type} with its lines`,
        access: 'signed_in',
        params: DocumentNumber,
        responses: { 200: { description: 'the document', schema: DocumentAnswer } },
        handle: async (c, { params }) =>
          c.json(await getPurchaseDocument(ledger.db, spec.type, params.number)),
      }),
    ],
  };
}

function planArea(ledger: Ledger): Area {
  const routes = [
    route({
      method: 'get',
      path: '/',
      id: 'purchasePlan',
      summary:
        'Order suggestions per item and warehouse: on hand + on order against reorder point + lead-time demand',
      access: 'signed_in',
      query: PurchasePlanQuery,
      responses: { 200: { description: 'the plan, most urgent first', schema: DocumentAnswer } },
      handle: async (c, { query }) => c.json(await purchasePlanAnswer(ledger.db, query)),
    }),
    route({
      method: 'post',
      path: '/orders',
      id: 'orderFromPlan',
      summary: 'Turn chosen plan lines into draft orders, one per default supplier and warehouse',
      access: PURCHASING_ROLES,
      writes: true,
      body: PlanOrdersInput,
      responses: {
        201: { description: 'the draft orders', schema: DocumentAnswer },
        422: { description: '`not_in_plan`, `item_has_no_supplier`' },
      },
      handle: (c, { body }) => submit(c, ledger, planOrdersCommand(actorOf(c), body)),
    }),
  ];
  return { prefix: '/api/v1/purchase-plan', tag: 'purchasing', routes };
}

export function purchasingAreas(ledger: Ledger): Area[] {
  return [
    { prefix: '/api/v1/purchase-orders', tag: 'purchasing', routes: orderRoutes(ledger) },
    postedArea(ledger, {
      type: 'goods-receipt',
      id: 'GoodsReceipt',
      summary:
        'Receive goods against order lines: accepted stock enters at the order price (Dr inventory / Cr GRNI)',
      access: RECEIVING_ROLES,
      body: GoodsReceiptInput,
      command: goodsReceiptCommand,
      refusals:
        '`exceeds_open_quantity`, `batch_required`, `period_is_closed`, …; 409 `order_not_open_for_receipt`',
    }),
    postedArea(ledger, {
      type: 'supplier-invoice',
      id: 'SupplierInvoice',
      summary:
        'Book a supplier invoice matched three ways: Dr GRNI + price variance + input tax / Cr payables',
      access: PAYABLES_ROLES,
      body: SupplierInvoiceInput,
      command: supplierInvoiceCommand,
      refusals:
        '`invoice_without_receipt`, `exceeds_received_quantity`, `price_outside_tolerance`, …; 409 `duplicate_supplier_invoice`',
    }),
    postedArea(ledger, {
      type: 'supplier-payment',
      id: 'SupplierPayment',
      summary: 'Pay supplier invoices, in full or in part (Dr payables / Cr bank)',
      access: FINANCE_ROLES,
      body: SupplierPaymentInput,
      command: supplierPaymentCommand,
      refusals: '`exceeds_open_amount`, `invoice_not_found`, `period_is_closed`, …',
    }),
    planArea(ledger),
  ];
}
