// Reading purchasing documents back: an order with its lines, progress and history; receipts, invoices and
// payments by number; and the order as a printable HTML page for the supplier.
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { escapeHtml } from '../html.ts';
import { formatMicros, formatQuantity } from '../inventory/index.ts';
import { formatMoney } from '../money.ts';
import { loadOrder } from './order-state.ts';

export async function getOrder(db: Database, number: string) {
  const order = await loadOrder(db, number, 'number');
  const events = await db.query(
    `select event, status, role, posting_date as date, user_name as "user", reason, caused_by_document
     from facts.purchase_order_events where document_number = ? order by seq`,
    [number],
  );
  return {
    number,
    date: order.date,
    supplier: order.supplier,
    warehouse: order.warehouse,
    status: order.status,
    net_amount: formatMoney(order.net),
    required_approvals: order.requiredApprovals,
    approvals_given: [...order.approvedRoles],
    created_by: order.createdBy,
    lines: order.lines.map((line) => ({
      line_no: line.lineNo,
      item: line.sku,
      quantity: formatQuantity(line.ordered),
      unit_price: formatMicros(line.priceMicros),
      amount: formatMoney(line.amount),
      expected_date: line.expectedDate,
      received: formatQuantity(line.received),
      accepted: formatQuantity(line.accepted),
      invoiced: formatQuantity(line.invoiced),
      open: formatQuantity(line.ordered > line.accepted ? line.ordered - line.accepted : 0n),
    })),
    events,
  };
}

const TABLES = {
  'goods-receipt': 'goods_receipt_lines',
  'supplier-invoice': 'supplier_invoice_lines',
  'supplier-payment': 'supplier_payments',
} as const;
export type PurchaseDocumentType = keyof typeof TABLES;

const HIDDEN = new Set(['seq', 'recorded_at', 'idempotency_key', 'document_type', 'document_number']);
const strip = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([key]) => !HIDDEN.has(key)));

export async function getPurchaseDocument(db: Database, type: PurchaseDocumentType, number: string) {
  const [lines, headers] = await Promise.all([
    db.query(`select * from facts.${TABLES[type]} where document_number = ? order by line_no`, [number]),
    type === 'supplier-invoice'
      ? db.query('select * from facts.supplier_invoices where document_number = ?', [number])
      : Promise.resolve([]),
  ]);
  const first = lines[0];
  if (!first) throw notFound(`${type.replace('-', '_')}_not_found`, `no ${type} ${number}`);
  const header = headers[0] ? strip(headers[0]) : { posting_date: first.posting_date };
  return { number, document_type: type, ...header, lines: lines.map(strip) };
}

/** The order as the supplier receives it: a self-contained HTML page that prints on one sheet per page. */
export async function orderDocumentHtml(db: Database, number: string, company: string): Promise<string> {
  const order = await getOrder(db, number);
  const [supplier] = await db.query(
    `select supplier_name, payment_terms_days from facts.suppliers where supplier_code = ?
     order by version desc limit 1`,
    [order.supplier],
  );
  const rows = order.lines
    .map(
      (line) =>
        `<tr><td>${line.line_no}</td><td>${escapeHtml(line.item)}</td><td class="n">${line.quantity}</td>` +
        `<td class="n">${line.unit_price}</td><td class="n">${line.amount}</td><td>${line.expected_date}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Purchase order ${escapeHtml(number)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left}.n{text-align:right}
@media print{body{margin:0}}</style></head>
<body>
<h1>Purchase order ${escapeHtml(number)}</h1>
<p><strong>${escapeHtml(company)}</strong> orders from <strong>${escapeHtml(supplier?.supplier_name ?? order.supplier)}</strong>
(${escapeHtml(order.supplier)}), dated ${order.date}, delivery to warehouse ${escapeHtml(order.warehouse)}.</p>
<table><thead><tr><th>#</th><th>Item</th><th class="n">Quantity</th><th class="n">Unit price</th>
<th class="n">Amount</th><th>Expected</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th colspan="4">Net total</th><th class="n">${order.net_amount}</th><th></th></tr></tfoot></table>
<p>Payment terms: ${escapeHtml(supplier?.payment_terms_days ?? '')} days. Status: ${escapeHtml(order.status)}.</p>
</body></html>
`;
}
