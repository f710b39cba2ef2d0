// The sales commands under concurrency: commands submitted together that read the same order, invoice or
// customer exposure still see each other's facts (the writer plans them one commit apart, by their keys),
// while those of other orders and customers commit together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../tests/support/ledger.ts';
import type { Command } from '../command.ts';
import { StockCountInput, stockCountCommand } from '../inventory/index.ts';
import {
  CustomerInput,
  customerCommand,
  ItemInput,
  itemCommand,
  WarehouseInput,
  warehouseCommand,
} from '../masterdata/index.ts';
import { parseOrThrow } from '../validation.ts';
import { creditNoteCommand } from './credit-notes.ts';
import { customerInvoiceCommand } from './invoices.ts';
import { salesOrderActionCommand } from './order-actions.ts';
import { salesOrderCommand } from './orders.ts';
import { customerReceiptCommand } from './receipts.ts';
import {
  CreditNoteInput,
  CustomerInvoiceInput,
  CustomerReceiptInput,
  SalesOrderActionInput,
  SalesOrderInput,
  ShipmentInput,
} from './schema.ts';
import { shipmentCommand } from './shipments.ts';

const DATE = '2025-03-03';
const ITEM = 'TR-GEAR';
const WAREHOUSE = 'MAIN';
const SELLER = { user: 'seller', role: 'sales' };
/** Each order line: 10 units at 50.00, 19 % tax: 500.00 net, 595.00 gross. */
const UNITS = 10;

let t: TestLedger;
let customers = 0;

beforeAll(async () => {
  t = await openTestLedger();
  const since = '2025-01-01';
  const warehouse = parseOrThrow(WarehouseInput, { code: WAREHOUSE, name: 'Main', valid_from: since });
  await post(warehouseCommand(SELLER, WAREHOUSE, warehouse, true));
  const item = parseOrThrow(ItemInput, {
    sku: ITEM,
    name: 'Gear',
    unit: 'pcs',
    category: 'MERCHANDISE',
    valuation_method: 'fifo',
    valid_from: since,
  });
  await post(itemCommand(SELLER, ITEM, item, true));
  const lines = [{ item: ITEM, counted: '1000', unit_cost: '30' }];
  const count = parseOrThrow(StockCountInput, { date: '2025-01-02', warehouse: WAREHOUSE, lines });
  await post(stockCountCommand(SELLER, count));
});
afterAll(() => t.dispose());

async function post(command: Command): Promise<Record<string, unknown>> {
  return (await t.ledger.submit(command)).body as Record<string, unknown>;
}

/** Submits the commands in this order without waiting in between; the outcome of each, or its error code. */
async function together(commands: Command[]): Promise<Array<Record<string, unknown> | string>> {
  const outcomes = await Promise.allSettled(commands.map((command) => t.ledger.submit(command)));
  return outcomes.map((outcome) =>
    outcome.status === 'fulfilled'
      ? (outcome.value.body as Record<string, unknown>)
      : String((outcome.reason as { code?: string }).code),
  );
}

async function newCustomer(creditLimit = '100000.00'): Promise<string> {
  const code = `C${++customers}`;
  const input = parseOrThrow(CustomerInput, {
    code,
    name: `Customer ${code}`,
    currency: 'EUR',
    credit_limit: creditLimit,
    valid_from: '2025-01-01',
  });
  const { code: _, ...fields } = input;
  await post(customerCommand(SELLER, code, fields, true));
  return code;
}

const raise = async (customer: string) =>
  String(
    (
      await post(
        salesOrderCommand(
          SELLER,
          parseOrThrow(SalesOrderInput, {
            date: DATE,
            customer,
            warehouse: WAREHOUSE,
            lines: [{ item: ITEM, quantity: String(UNITS), unit_price: '50' }],
          }),
        ),
      )
    ).number,
  );

const confirm = (order: string, customer: string) =>
  salesOrderActionCommand(
    SELLER,
    order,
    'confirm',
    parseOrThrow(SalesOrderActionInput, { date: DATE }),
    customer,
  );
const ship = (order: string, quantity: number) =>
  shipmentCommand(
    SELLER,
    parseOrThrow(ShipmentInput, {
      date: DATE,
      order,
      lines: [{ order_line: 1, quantity: String(quantity) }],
    }),
  );
const invoice = (order: string, customer: string) =>
  customerInvoiceCommand(SELLER, parseOrThrow(CustomerInvoiceInput, { date: DATE, order }), customer);
const credit = (number: string, customer: string, quantity: number) =>
  creditNoteCommand(
    SELLER,
    parseOrThrow(CreditNoteInput, {
      date: DATE,
      invoice: number,
      reason: 'damaged',
      lines: [{ invoice_line: 1, quantity: String(quantity) }],
    }),
    customer,
  );
const receive = (customer: string, number: string, amount: string) =>
  customerReceiptCommand(
    SELLER,
    parseOrThrow(CustomerReceiptInput, {
      date: DATE,
      customer,
      amount,
      allocations: [{ invoice: number, amount }],
    }),
  );

/** A confirmed order of `customer`, shipped and invoiced in full: the invoice number. */
async function invoicedOrder(customer: string): Promise<string> {
  const order = await raise(customer);
  await post(confirm(order, customer));
  await post(ship(order, UNITS));
  return String((await post(invoice(order, customer))).number);
}

describe('sales commands submitted together', () => {
  it('ship an order line no further than it is open', async () => {
    const customer = await newCustomer();
    const order = await raise(customer);
    await post(confirm(order, customer));
    const [first, second] = await together([ship(order, 6), ship(order, 6)]);
    expect(first).toMatchObject({ order_status: 'partly_delivered' });
    expect(second).toBe('exceeds_open_quantity');
  });

  it('invoice a shipment submitted just before, and bill it only once', async () => {
    const customer = await newCustomer();
    const order = await raise(customer);
    await post(confirm(order, customer));
    const [shipped, billed, again] = await together([
      ship(order, UNITS),
      invoice(order, customer),
      invoice(order, customer),
    ]);
    expect(shipped).toMatchObject({ order_status: 'delivered' });
    expect(billed).toMatchObject({ gross_amount: '595.00', order_status: 'invoiced' });
    expect(again).toBe('invoice_without_delivery');
  });

  it("count the customer's other confirmation in the credit check", async () => {
    const customer = await newCustomer('1000.00');
    const [first, second] = [await raise(customer), await raise(customer)];
    const [confirmed, refused] = await together([confirm(first, customer), confirm(second, customer)]);
    expect(confirmed).toMatchObject({ status: 'confirmed', credit_exposure: '595.00' });
    expect(refused).toBe('credit_limit_exceeded');
  });

  it('count a receipt submitted before a confirmation in its credit check', async () => {
    const customer = await newCustomer('1000.00');
    const billed = await invoicedOrder(customer);
    const order = await raise(customer);
    const [, confirmed] = await together([receive(customer, billed, '595.00'), confirm(order, customer)]);
    expect(confirmed).toMatchObject({ status: 'confirmed', credit_exposure: '595.00' });
  });

  it('count a credit note or a cancellation submitted before a confirmation in its credit check', async () => {
    const customer = await newCustomer('1000.00');
    const billed = await invoicedOrder(customer);
    const order = await raise(customer);
    // 595 billed + 595 ordered is beyond 1 000; the credit note takes 4 units (238.00) back first.
    const [, confirmed] = await together([credit(billed, customer, 4), confirm(order, customer)]);
    expect(confirmed).toMatchObject({ status: 'confirmed', credit_exposure: '952.00' });
    const other = await newCustomer('1000.00');
    const [first, second] = [await raise(other), await raise(other)];
    await post(confirm(first, other));
    const cancel = salesOrderActionCommand(
      SELLER,
      first,
      'cancel',
      parseOrThrow(SalesOrderActionInput, {}),
      other,
    );
    const [cancelled, next] = await together([cancel, confirm(second, other)]);
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect(next).toMatchObject({ status: 'confirmed', credit_exposure: '595.00' });
  });

  it('credit an invoice line no further than it was billed', async () => {
    const customer = await newCustomer();
    const billed = await invoicedOrder(customer);
    const [first, second] = await together([credit(billed, customer, 6), credit(billed, customer, 6)]);
    expect(first).toMatchObject({ gross_amount: '-357.00' });
    expect(second).toBe('exceeds_creditable_quantity');
  });

  it('allocate no more than credit notes and earlier receipts left open on an invoice', async () => {
    const customer = await newCustomer();
    const billed = await invoicedOrder(customer);
    const [paid, twice] = await together([
      receive(customer, billed, '595.00'),
      receive(customer, billed, '595.00'),
    ]);
    expect(paid).toMatchObject({ allocated: '595.00' });
    expect(twice).toBe('exceeds_open_amount');
    const other = await invoicedOrder(customer);
    const [credited, beyond] = await together([
      credit(other, customer, 1),
      receive(customer, other, '595.00'),
    ]);
    expect(credited).toMatchObject({ gross_amount: '-59.50' });
    expect(beyond).toBe('exceeds_open_amount');
  });

  it('commit the documents of different orders and customers together', async () => {
    const orders: Array<[string, string]> = [];
    for (let index = 0; index < 4; index++) {
      const customer = await newCustomer();
      const order = await raise(customer);
      await post(confirm(order, customer));
      orders.push([order, customer]);
    }
    let commits = 0;
    const unsubscribe = t.ledger.writer.subscribe(() => {
      commits++;
    });
    const shipped = await together(orders.map(([order]) => ship(order, UNITS)));
    const billed = await together(orders.map(([order, customer]) => invoice(order, customer)));
    unsubscribe();
    for (const outcome of [...shipped, ...billed]) expect(outcome).toHaveProperty('number');
    expect(commits).toBeLessThan(orders.length * 2);
  });

  it('refuse a command keyed by a customer the document does not belong to, writing nothing', async () => {
    const [customer, other] = [await newCustomer(), await newCustomer()];
    const order = await raise(customer);
    const [row] = await t.ledger.db.query('select count(*)::integer as n from facts.sales_order_events');
    const [refused] = await together([confirm(order, other)]);
    expect(refused).toBe('command_keyed_by_other_customer');
    const [after] = await t.ledger.db.query('select count(*)::integer as n from facts.sales_order_events');
    expect(after?.n).toBe(row?.n);
  });
});
