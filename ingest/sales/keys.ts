// The writer's keys of order-to-cash facts (Command.keys). A keyed command is planned once every earlier
// command sharing one of its keys has committed, so each key names facts that some command reads back, and
// every command that writes those facts names the key too:
// - `sales-order:<number>`: an order's lines, what its shipments delivered and its invoices billed, its status;
// - `customer:<code>`: the customer's credit exposure (its invoices, credit notes and receipts, and the status
//   and unbilled part of its orders), read by a confirmation;
// - `customer-invoice:<number>`: what credit notes and receipts left open on an invoice.
// Stock positions, numbers and master data are the writer's in-memory state and need no key.
import type { Database } from '../db/database.ts';
import { LedgerError, notFound } from '../errors.ts';

export const salesOrderKey = (number: string): string => `sales-order:${number}`;
export const customerKey = (code: string): string => `customer:${code}`;
export const customerInvoiceKey = (number: string): string => `customer-invoice:${number}`;

/**
 * A command keyed by `declared` found the document to be another customer's: its reads may be stale, so it
 * writes nothing. Callers take the customer from the document itself (customerOfOrder), which never changes.
 */
export function checkDeclaredCustomer(declared: string, actual: string, document: string): void {
  if (declared === actual) return;
  throw new LedgerError(
    'internal',
    'command_keyed_by_other_customer',
    `${document} is ${actual}'s, but the command was keyed by ${declared}`,
  );
}

/**
 * The customer of a committed sales order, which never changes once it is raised: read before the command
 * is built, to name its key. An order not committed yet is refused as the command itself would refuse it.
 */
export async function customerOfOrder(db: Database, number: string, path = 'order'): Promise<string> {
  const [row] = await db.query('select customer_code from facts.sales_orders where document_number = ?', [
    number,
  ]);
  if (!row) throw notFound('sales_order_not_found', `no sales order ${number}`, path);
  return String(row.customer_code);
}

/** The customer of a committed customer invoice (see customerOfOrder). */
export async function customerOfInvoice(db: Database, number: string, path = 'invoice'): Promise<string> {
  const [row] = await db.query(
    "select customer_code from facts.customer_invoices where document_number = ? and kind = 'invoice'",
    [number],
  );
  if (!row) throw notFound('invoice_not_found', `no customer invoice ${number}`, path);
  return String(row.customer_code);
}
