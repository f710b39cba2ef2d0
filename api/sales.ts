// Order to cash over HTTP: sales orders (raise, confirm with the credit check, close, cancel, print the
// confirmation), shipments, customer invoices, credit notes and receipts, each posted whole.
import type { z } from 'zod';
import {
  type Command,
  CreditNoteInput,
  CustomerInvoiceInput,
  CustomerReceiptInput,
  creditNoteCommand,
  customerInvoiceCommand,
  customerOfInvoice,
  customerOfOrder,
  customerReceiptCommand,
  getSalesDocument,
  getSalesOrder,
  type Ledger,
  orderConfirmationHtml,
  SALES_ORDER_ACTIONS,
  type SalesDocumentType,
  SalesOrderActionInput,
  SalesOrderInput,
  ShipmentInput,
  salesOrderActionCommand,
  salesOrderCommand,
  shipmentCommand,
} from '../ingest/index.ts';
import { actorOf, submit } from './command.ts';
import { type Access, FINANCE_ROLES, RECEIVABLES_ROLES, SALES_ROLES, SHIPPING_ROLES } from './env.ts';
import { DocumentNumber, locationOf } from './inventory.ts';
import { SalesOrderActed } from './o2c-shapes.ts';
import { DocumentAnswer, DocumentPosted } from './p2p-shapes.ts';
import { type Area, type RouteDef, route } from './route.ts';

const ACTION_REFUSALS: Record<string, string> = {
  confirm:
    '422 `credit_limit_exceeded` (open receivables + open orders + this order above the limit) unless ' +
    '`override_credit_limit` by a member of sales other than the creator (403 `override_by_creator`)',
  close: '409 `invalid_status_transition`',
  cancel: '409 `invalid_status_transition`, `order_has_deliveries`',
};

function orderRoutes(ledger: Ledger): RouteDef[] {
  const actions = SALES_ORDER_ACTIONS.map((action) =>
    route({
      method: 'post',
      path: `/:number/${action}`,
      id: `${action}SalesOrder`,
      summary: `${action[0]?.toUpperCase()}${action.slice(1)} a sales order (a status event): ${ACTION_REFUSALS[action]}`,
      access: SALES_ROLES,
      writes: true,
      params: DocumentNumber,
      body: SalesOrderActionInput,
      bodyOptional: true,
      responses: {
        200: { description: 'the order status (and the credit check figures)', schema: SalesOrderActed },
        403: { description: '`override_by_creator`, `credit_override_role_required`' },
        409: { description: '`invalid_status_transition`' },
        422: { description: '`credit_limit_exceeded`, `override_reason_required`' },
      },
      handle: async (c, { params, body }) => {
        const actor = { ...actorOf(c), role: c.get('principal').role };
        // The order's customer names the command's key (ingest/sales/keys.ts).
        const customer = await customerOfOrder(ledger.db, params.number, 'number');
        return submit(c, ledger, salesOrderActionCommand(actor, params.number, action, body, customer));
      },
    }),
  );
  return [
    route({
      method: 'post',
      path: '/',
      id: 'raiseSalesOrder',
      summary: 'Raise a sales order (draft): lines priced with discount and output tax by tax code',
      access: SALES_ROLES,
      writes: true,
      body: SalesOrderInput,
      responses: {
        201: { description: 'the draft order', schema: DocumentPosted },
        422: { description: '`customer_not_found`, `item_not_found`, `tax_code_not_found`, …' },
      },
      handle: (c, { body }) =>
        submit(c, ledger, salesOrderCommand(actorOf(c), body), locationOf('/api/v1/sales-orders')),
    }),
    ...actions,
    route({
      method: 'get',
      path: '/:number',
      id: 'getSalesOrder',
      summary: 'One sales order: lines with shipped, invoiced and open quantities; status and history',
      access: 'signed_in',
      params: DocumentNumber,
      responses: { 200: { description: 'the order', schema: DocumentAnswer } },
      handle: async (c, { params }) => c.json(await getSalesOrder(ledger.db, params.number)),
    }),
    route({
      method: 'get',
      path: '/:number/document',
      id: 'printSalesOrder',
      summary: 'The order confirmation as a printable HTML page for the customer',
      access: 'signed_in',
      params: DocumentNumber,
      responses: { 200: { description: 'the order confirmation', mediaType: 'text/html' } },
      handle: async (c, { params }) =>
        c.html(await orderConfirmationHtml(ledger.db, params.number, ledger.state.settings.companyName)),
    }),
  ];
}

interface PostedSpec<B extends z.ZodType> {
  type: SalesDocumentType;
  id: string;
  summary: string;
  access: Access;
  body: B;
  /** The command; one keyed by the customer reads the customer of the order or invoice from `ledger` first. */
  command: (
    actor: ReturnType<typeof actorOf>,
    input: z.output<B>,
    ledger: Ledger,
  ) => Command | Promise<Command>;
  refusals: string;
}

function postedArea<B extends z.ZodType>(ledger: Ledger, spec: PostedSpec<B>): Area {
  const prefix = `/api/v1/${spec.type}s`;
  return {
    prefix,
    tag: 'sales',
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
        handle: async (c, { body }) =>
          submit(c, ledger, await spec.command(actorOf(c), body as z.output<B>, ledger), locationOf(prefix)),
      }),
      route({
        method: 'get',
        path: '/:number',
        id: `get${spec.id}`,
        summary: `One ${spec.type} with its lines`,
        access: 'signed_in',
        params: DocumentNumber,
        responses: { 200: { description: 'the document', schema: DocumentAnswer } },
        handle: async (c, { params }) => c.json(await getSalesDocument(ledger.db, spec.type, params.number)),
      }),
    ],
  };
}

export function salesAreas(ledger: Ledger): Area[] {
  return [
    { prefix: '/api/v1/sales-orders', tag: 'sales', routes: orderRoutes(ledger) },
    postedArea(ledger, {
      type: 'shipment',
      id: 'Shipment',
      summary:
        'Ship against order lines: stock leaves at its valuation cost (Dr cost of goods sold / Cr inventory)',
      access: SHIPPING_ROLES,
      body: ShipmentInput,
      command: shipmentCommand,
      refusals:
        '`exceeds_open_quantity`, `insufficient_stock`, `batch_not_in_stock`, `period_is_closed`, …; 409 `order_not_open_for_delivery`',
    }),
    postedArea(ledger, {
      type: 'customer-invoice',
      id: 'CustomerInvoice',
      summary: 'Invoice what was delivered and not billed: Dr receivables / Cr revenue, Cr output tax',
      access: RECEIVABLES_ROLES,
      body: CustomerInvoiceInput,
      command: async (actor, input, { db }) =>
        customerInvoiceCommand(actor, input, await customerOfOrder(db, input.order)),
      refusals:
        '`invoice_without_delivery`, `shipment_already_invoiced`, `order_not_invoiceable`, `period_is_closed`',
    }),
    postedArea(ledger, {
      type: 'credit-note',
      id: 'CreditNote',
      summary:
        'Credit invoiced lines (Dr sales returns + output tax / Cr receivables); returned goods re-enter stock at their original cost',
      access: RECEIVABLES_ROLES,
      body: CreditNoteInput,
      command: async (actor, input, { db }) =>
        creditNoteCommand(actor, input, await customerOfInvoice(db, input.invoice)),
      refusals:
        '`exceeds_creditable_quantity`, `invoice_line_not_found`, `batch_required`, `period_is_closed`',
    }),
    postedArea(ledger, {
      type: 'customer-receipt',
      id: 'CustomerReceipt',
      summary:
        'Money from a customer (Dr bank / Cr receivables), allocated to invoices; the rest stays unallocated',
      access: FINANCE_ROLES,
      body: CustomerReceiptInput,
      command: customerReceiptCommand,
      refusals:
        '`exceeds_open_amount`, `allocations_exceed_amount`, `invoice_of_other_customer`, `period_is_closed`',
    }),
  ];
}
