// The order pages the operations dashboard drills down to: one purchase or sales order as its API read answers
// it (GET /api/v1/purchase-orders/<number>, /api/v1/sales-orders/<number>), with its header, its lines with
// what was received or shipped and what is open, and its history of status events.
import type { ColumnType, Row } from '../definition.ts';
import type { DashboardView } from './executive.ts';
import { display, esc } from './html.ts';
import { PURCHASE_ORDER_PAGE_PATH, SALES_ORDER_PAGE_PATH } from './links.ts';

type Field = readonly [key: string, label: string, type: ColumnType];

export interface OrderLayout {
  /** Words of the page: "Purchase order". */
  noun: string;
  /** The API read of one order, ending in its number. */
  apiPath: string;
  /** The dashboard page of one order, ending in its number. */
  pagePath: string;
  header: readonly Field[];
  lines: readonly Field[];
}

export const PURCHASE_ORDER_LAYOUT: OrderLayout = {
  noun: 'Purchase order',
  apiPath: '/api/v1/purchase-orders',
  pagePath: PURCHASE_ORDER_PAGE_PATH,
  header: [
    ['number', 'Number', 'text'],
    ['date', 'Order date', 'date'],
    ['supplier', 'Supplier', 'text'],
    ['warehouse', 'Warehouse', 'text'],
    ['status', 'Status', 'text'],
    ['net_amount', 'Net amount', 'money'],
    ['created_by', 'Raised by', 'text'],
  ],
  lines: [
    ['line_no', 'Line', 'integer'],
    ['item', 'Item', 'text'],
    ['quantity', 'Ordered', 'quantity'],
    ['unit_price', 'Unit price', 'number'],
    ['amount', 'Amount', 'money'],
    ['expected_date', 'Expected', 'date'],
    ['received', 'Received', 'quantity'],
    ['accepted', 'Accepted', 'quantity'],
    ['invoiced', 'Invoiced', 'quantity'],
    ['open', 'Open', 'quantity'],
  ],
};

export const SALES_ORDER_LAYOUT: OrderLayout = {
  noun: 'Sales order',
  apiPath: '/api/v1/sales-orders',
  pagePath: SALES_ORDER_PAGE_PATH,
  header: [
    ['number', 'Number', 'text'],
    ['date', 'Order date', 'date'],
    ['customer', 'Customer', 'text'],
    ['customer_reference', 'Customer reference', 'text'],
    ['salesperson', 'Salesperson', 'text'],
    ['warehouse', 'Warehouse', 'text'],
    ['status', 'Status', 'text'],
    ['net_amount', 'Net amount', 'money'],
    ['gross_amount', 'Gross amount', 'money'],
    ['created_by', 'Raised by', 'text'],
  ],
  lines: [
    ['line_no', 'Line', 'integer'],
    ['item', 'Item', 'text'],
    ['quantity', 'Ordered', 'quantity'],
    ['unit_price', 'Unit price', 'number'],
    ['discount_percent', 'Discount', 'percent'],
    ['net_amount', 'Net amount', 'money'],
    ['promised_date', 'Promised', 'date'],
    ['shipped', 'Shipped', 'quantity'],
    ['invoiced', 'Invoiced', 'quantity'],
    ['open', 'Open', 'quantity'],
  ],
};

const EVENT_FIELDS: readonly Field[] = [
  ['date', 'Date', 'date'],
  ['event', 'Event', 'text'],
  ['status', 'Status', 'text'],
  ['role', 'Role', 'text'],
  ['user', 'By', 'text'],
  ['reason', 'Reason', 'text'],
  ['caused_by_document', 'Document', 'text'],
];

/** One order on a page: its header, its lines and its history. */
export function orderView(layout: OrderLayout, order: Row & { lines: Row[]; events: Row[] }): DashboardView {
  const number = String(order.number);
  const header = layout.header
    .filter(([key]) => order[key] !== null && order[key] !== undefined && order[key] !== '')
    .map(
      ([key, label, type]) =>
        `<div><dt>${esc(label)}</dt><dd data-field="${key}">${esc(display(type, order[key]))}</dd></div>`,
    );
  const api = `${layout.apiPath}/${encodeURIComponent(number)}`;
  const body = `<section class="panel document" aria-label="${esc(layout.noun)} ${esc(number)}">
<dl class="document-header">${header.join('')}</dl>
${fieldTable('order-lines', layout.lines, order.lines)}
<h2>History</h2>
${fieldTable('order-events', EVENT_FIELDS, order.events)}
<p class="note"><a href="${esc(api)}">This order as JSON</a> · <a href="${esc(api)}/document">The printable order</a></p>
</section>`;
  return { body, charts: {} };
}

function fieldTable(name: string, fields: readonly Field[], rows: Row[]): string {
  const head = fields.map(([, label, type]) => `<th scope="col" class="${type}">${esc(label)}</th>`).join('');
  const body = rows.map(
    (row) =>
      `<tr>${fields.map(([key, , type]) => `<td class="${type}" data-column="${key}">${esc(display(type, row[key]))}</td>`).join('')}</tr>`,
  );
  return `<div class="table-scroll"><table class="report" data-report="${esc(name)}">
<thead><tr>${head}</tr></thead>
<tbody>${body.join('\n')}</tbody>
</table></div>`;
}
