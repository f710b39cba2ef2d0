// Reading sales documents back: an order with its lines, progress and history; shipments, invoices, credit
// notes and receipts by number; and the order confirmation as a printable HTML page for the customer.
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { escapeHtml } from '../html.ts';
import { formatMicros, formatQuantity } from '../inventory/index.ts';
import { formatMoney } from '../money.ts';
import { loadSalesOrder } from './order-state.ts';
import { formatPercent } from './pricing.ts';

export async function getSalesOrder(db: Database, number: string) {
  const order = await loadSalesOrder(db, number, 'number');
  const events = await db.query(
    `select event, status, role, posting_date as date, user_name as "user", reason, caused_by_document,
            credit_limit, credit_exposure
     from facts.sales_order_events where document_number = ? order by seq`,
    [number],
  );
  return {
    number,
    date: order.date,
    customer: order.customer,
    warehouse: order.warehouse,
    salesperson: order.salesperson,
    customer_reference: order.customerReference,
    status: order.status,
    net_amount: formatMoney(order.net),
    tax_amount: formatMoney(order.tax),
    gross_amount: formatMoney(order.gross),
    created_by: order.createdBy,
    lines: order.lines.map((line) => ({
      line_no: line.lineNo,
      item: line.sku,
      quantity: formatQuantity(line.ordered),
      unit_price: formatMicros(line.priceMicros),
      discount_percent: formatPercent(line.discountBp),
      net_amount: formatMoney(line.net),
      tax_code: line.taxCode,
      tax_amount: formatMoney(line.tax),
      promised_date: line.promisedDate,
      shipped: formatQuantity(line.shipped),
      invoiced: formatQuantity(line.invoiced),
      open: formatQuantity(line.ordered > line.shipped ? line.ordered - line.shipped : 0n),
    })),
    events: events.map((event) => ({
      ...event,
      credit_limit: event.credit_limit === null ? null : String(event.credit_limit),
      credit_exposure: event.credit_exposure === null ? null : String(event.credit_exposure),
    })),
  };
}

const TABLES = {
  shipment: { lines: 'shipment_lines', header: null },
  'customer-invoice': { lines: 'customer_invoice_lines', header: 'customer_invoices' },
  'credit-note': { lines: 'customer_invoice_lines', header: 'customer_invoices' },
  'customer-receipt': { lines: 'customer_receipts', header: null },
} as const;
export type SalesDocumentType = keyof typeof TABLES;

const HIDDEN = new Set(['seq', 'recorded_at', 'idempotency_key', 'document_type', 'document_number']);
const strip = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([key]) => !HIDDEN.has(key)));

export async function getSalesDocument(db: Database, type: SalesDocumentType, number: string) {
  const tables = TABLES[type];
  const [lines, headers] = await Promise.all([
    db.query(
      `select * from facts.${tables.lines} where document_number = ? and document_type = ? order by line_no`,
      [number, type],
    ),
    tables.header
      ? db.query(`select * from facts.${tables.header} where document_number = ?`, [number])
      : Promise.resolve([]),
  ]);
  const first = lines[0];
  if (!first) throw notFound(`${type.replace('-', '_')}_not_found`, `no ${type} ${number}`);
  const header = headers[0] ? strip(headers[0]) : { posting_date: first.posting_date };
  return { number, document_type: type, ...header, lines: lines.map(strip) };
}

/** The order confirmation the customer receives: a self-contained HTML page that prints cleanly. */
export async function orderConfirmationHtml(db: Database, number: string, company: string): Promise<string> {
  const order = await getSalesOrder(db, number);
  const [customer] = await db.query(
    `select customer_name, billing_address, shipping_address, payment_terms_days from facts.customers
     where customer_code = ? order by version desc limit 1`,
    [order.customer],
  );
  const rows = order.lines
    .map(
      (line) =>
        `<tr><td>${line.line_no}</td><td>${escapeHtml(line.item)}</td><td class="n">${line.quantity}</td>` +
        `<td class="n">${line.unit_price}</td><td class="n">${line.discount_percent} %</td>` +
        `<td class="n">${line.net_amount}</td><td>${escapeHtml(line.tax_code)}</td><td>${line.promised_date}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Order confirmation ${escapeHtml(number)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left}.n{text-align:right}
@media print{body{margin:0}}</style></head>
<body>
<h1>Order confirmation ${escapeHtml(number)}</h1>
<p><strong>${escapeHtml(company)}</strong> confirms the order of
<strong>${escapeHtml(customer?.customer_name ?? order.customer)}</strong> (${escapeHtml(order.customer)})
dated ${order.date}${order.customer_reference ? `, your reference ${escapeHtml(order.customer_reference)}` : ''}.</p>
<p>Ship to: ${escapeHtml(customer?.shipping_address ?? '')}</p>
<table><thead><tr><th>#</th><th>Item</th><th class="n">Quantity</th><th class="n">Unit price</th>
<th class="n">Discount</th><th class="n">Net</th><th>Tax</th><th>Promised</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th colspan="5">Net total</th><th class="n">${order.net_amount}</th><th colspan="2"></th></tr>
<tr><th colspan="5">Tax</th><th class="n">${order.tax_amount}</th><th colspan="2"></th></tr>
<tr><th colspan="5">Total</th><th class="n">${order.gross_amount}</th><th colspan="2"></th></tr></tfoot></table>
<p>Payment terms: ${escapeHtml(customer?.payment_terms_days ?? '')} days. Status: ${escapeHtml(order.status)}.</p>
</body></html>
`;
}
