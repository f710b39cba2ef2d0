// The rest of the sales rules over HTTP, each refusal answering with its rule and writing nothing: order
// input, cancel and close, batches shipped by expiry, invoices of named shipments, price allowances,
// receipts for another customer's invoice, and an idempotent shipment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, countStock, salesFactCounts, seedCustomers } from './o2c-testing.ts';
import { ITEMS, journalLinesOf, seedMasterData } from './p2p-testing.ts';
import { json, openTestApi, type TestApi } from './testing.ts';

type Body = Record<string, unknown>;
type Problem = { code: string; errors: Array<{ path: string; code: string }> };

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi();
  await seedMasterData(api);
  await seedCustomers(api);
  await countStock(api, '2025-01-02', 'MAIN', [{ item: ITEMS.fifo.sku, counted: '100', unit_cost: '10' }]);
  // Two batches of resin: the one expiring first ships first.
  const batches = await api.call('POST', '/api/v1/stock-counts', {
    body: {
      date: '2025-01-02',
      warehouse: 'MAIN',
      lines: [
        { item: ITEMS.batched.sku, batch: 'LATE', expiry: '2026-06-30', counted: '10', unit_cost: '5' },
        { item: ITEMS.batched.sku, batch: 'SOON', expiry: '2025-09-30', counted: '10', unit_cost: '4' },
      ],
    },
  });
  expect(batches.status).toBe(201);
});
afterAll(() => api.close());

async function refused(send: () => Promise<Response>, status: number): Promise<Problem> {
  const before = await salesFactCounts(api);
  const response = await send();
  expect(response.status).toBe(status);
  expect(await salesFactCounts(api)).toEqual(before);
  return json<Problem>(response);
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  api.call('POST', path, { body, headers });

async function confirmedOrder(lines: Body[], customer: string = CUSTOMERS.big.code): Promise<string> {
  const raised = await json<Body>(
    await post('/api/v1/sales-orders', { date: '2025-03-01', customer, warehouse: 'MAIN', lines }),
  );
  const confirmed = await post(`/api/v1/sales-orders/${raised.number}/confirm`, { date: '2025-03-01' });
  expect(confirmed.status).toBe(200);
  return String(raised.number);
}

describe('sales order rules', () => {
  it('refuses an unknown customer, item and tax code, and a promise before the order, all at once', async () => {
    const problem = await refused(
      () =>
        post('/api/v1/sales-orders', {
          date: '2025-03-01',
          customer: 'NOBODY',
          warehouse: 'MAIN',
          lines: [
            { item: 'NOTHING', quantity: '1', unit_price: '1' },
            { item: ITEMS.fifo.sku, quantity: '1', unit_price: '1', tax_code: 'luxury' },
            { item: ITEMS.fifo.sku, quantity: '1', unit_price: '1', promised_date: '2025-02-01' },
          ],
        }),
      422,
    );
    expect(problem.errors.map((error) => [error.path, error.code])).toEqual([
      ['customer', 'customer_not_found'],
      ['lines.0.item', 'item_not_found'],
      ['lines.1.tax_code', 'tax_code_not_found'],
      ['lines.2.promised_date', 'promised_before_order'],
    ]);
  });

  it('answers 404 for an order or invoice that does not exist, before any command is planned', async () => {
    const cases: Array<[string, unknown, string, string]> = [
      ['/api/v1/sales-orders/SO-2025-999999/confirm', {}, 'number', 'sales_order_not_found'],
      [
        '/api/v1/customer-invoices',
        { date: '2025-03-05', order: 'SO-2025-999999' },
        'order',
        'sales_order_not_found',
      ],
      [
        '/api/v1/credit-notes',
        {
          date: '2025-03-05',
          invoice: 'CI-2025-999999',
          reason: 'x',
          lines: [{ invoice_line: 1, quantity: '1' }],
        },
        'invoice',
        'invoice_not_found',
      ],
    ];
    for (const [path, body, field, code] of cases) {
      const problem = await refused(() => post(path, body), 404);
      expect(problem.errors.map((error) => [error.path, error.code])).toEqual([[field, code]]);
    }
  });

  it('cancels an order only before it ships, closes one from delivered, and bills it still closed', async () => {
    const order = await confirmedOrder([{ item: ITEMS.fifo.sku, quantity: '5', unit_price: '20' }]);
    const shipped = await post('/api/v1/shipments', {
      date: '2025-03-05',
      order,
      lines: [{ order_line: 1, quantity: '5' }],
    });
    expect(await json(shipped)).toMatchObject({ order_status: 'delivered' });
    const cancel = await refused(() => post(`/api/v1/sales-orders/${order}/cancel`, {}), 409);
    expect(cancel.code).toBe('invalid_status_transition');
    const closed = await post(`/api/v1/sales-orders/${order}/close`, { date: '2025-03-31', reason: 'done' });
    expect(await json(closed)).toMatchObject({ status: 'closed' });
    const again = await refused(
      () =>
        post('/api/v1/shipments', { date: '2025-04-01', order, lines: [{ order_line: 1, quantity: '1' }] }),
      409,
    );
    expect(again.code).toBe('order_not_open_for_delivery');
    const billed = await post('/api/v1/customer-invoices', { date: '2025-04-01', order });
    expect(await json(billed)).toMatchObject({ net_amount: '100.00', order_status: 'closed' });
    const draft = await json<Body>(
      await post('/api/v1/sales-orders', {
        date: '2025-03-01',
        customer: CUSTOMERS.big.code,
        warehouse: 'MAIN',
        lines: [{ item: ITEMS.fifo.sku, quantity: '1', unit_price: '20' }],
      }),
    );
    expect(await json(await post(`/api/v1/sales-orders/${draft.number}/cancel`, {}))).toMatchObject({
      status: 'cancelled',
    });
  });

  it('ships batches by earliest expiry at their own cost', async () => {
    const order = await confirmedOrder([{ item: ITEMS.batched.sku, quantity: '12', unit_price: '9' }]);
    const response = await post('/api/v1/shipments', {
      date: '2025-03-06',
      order,
      lines: [{ order_line: 1, quantity: '12' }],
    });
    const body = await json<{ moves: Body[]; cost_amount: string }>(response);
    expect(body.moves.map((move) => [move.batch, move.quantity, move.value])).toEqual([
      ['SOON', '-10.000', '-40.00'],
      ['LATE', '-2.000', '-10.00'],
    ]);
    expect(body.cost_amount).toBe('50.00');
  });

  it('answers a repeated shipment with the same Idempotency-Key once, writing it once', async () => {
    const order = await confirmedOrder([{ item: ITEMS.fifo.sku, quantity: '4', unit_price: '20' }]);
    const body = { date: '2025-03-07', order, lines: [{ order_line: 1, quantity: '2' }] };
    const first = await post('/api/v1/shipments', body, { 'Idempotency-Key': 'ship-once' });
    const before = await salesFactCounts(api);
    const second = await post('/api/v1/shipments', body, { 'Idempotency-Key': 'ship-once' });
    expect(second.headers.get('Idempotency-Replayed')).toBe('true');
    expect(await json(second)).toEqual(await json(first));
    expect(await salesFactCounts(api)).toEqual(before);
  });
});

describe('accounts by item category', () => {
  it('books merchandise to its own revenue and cost accounts through the rules revenue.merchandise and cogs.merchandise', async () => {
    const item = await post('/api/v1/items', {
      sku: 'TR-MOTOR',
      name: 'Electric motor',
      unit: 'pcs',
      category: 'MERCHANDISE',
      valuation_method: 'fifo',
      valid_from: '2025-01-01',
    });
    expect(item.status).toBe(201);
    await countStock(api, '2025-01-03', 'MAIN', [{ item: 'TR-MOTOR', counted: '5', unit_cost: '300' }]);
    const order = await confirmedOrder([{ item: 'TR-MOTOR', quantity: '2', unit_price: '500' }]);
    const shipped = await json<Body>(
      await post('/api/v1/shipments', {
        date: '2025-03-05',
        order,
        lines: [{ order_line: 1, quantity: '2' }],
      }),
    );
    expect(await journalLinesOf(api, String(shipped.number))).toEqual([
      ['5120', '600.00', '0.00'],
      ['1310', '0.00', '600.00'],
    ]);
    const invoice = await json<Body>(await post('/api/v1/customer-invoices', { date: '2025-03-05', order }));
    expect(await journalLinesOf(api, String(invoice.number))).toEqual([
      ['1210', '1190.00', '0.00'],
      ['4120', '0.00', '1000.00'],
      ['2210', '0.00', '190.00'],
    ]);
  });
});

describe('invoice, credit note and receipt rules', () => {
  it('invoices named shipments only once, and refuses a shipment of another order', async () => {
    const order = await confirmedOrder([{ item: ITEMS.fifo.sku, quantity: '6', unit_price: '20' }]);
    const other = await confirmedOrder([{ item: ITEMS.fifo.sku, quantity: '1', unit_price: '20' }]);
    const ship = async (target: string, quantity: string) =>
      String(
        (
          await json<Body>(
            await post('/api/v1/shipments', {
              date: '2025-03-08',
              order: target,
              lines: [{ order_line: 1, quantity }],
            }),
          )
        ).number,
      );
    const first = await ship(order, '2');
    await ship(order, '4');
    const foreign = await ship(other, '1');
    const invoice = await post('/api/v1/customer-invoices', {
      date: '2025-03-09',
      order,
      shipments: [first],
    });
    expect(await json(invoice)).toMatchObject({ net_amount: '40.00', order_status: 'delivered' });
    const twice = await refused(
      () => post('/api/v1/customer-invoices', { date: '2025-03-09', order, shipments: [first] }),
      422,
    );
    expect(twice.code).toBe('shipment_already_invoiced');
    const wrong = await refused(
      () => post('/api/v1/customer-invoices', { date: '2025-03-09', order, shipments: [foreign] }),
      422,
    );
    expect(wrong.errors).toEqual([
      expect.objectContaining({ path: 'shipments.0', code: 'shipment_not_of_order' }),
    ]);
    const rest = await json<Body>(await post('/api/v1/customer-invoices', { date: '2025-03-09', order }));
    expect(rest).toMatchObject({ net_amount: '80.00', order_status: 'invoiced' });
  });

  it('credits a price allowance without moving stock, and refuses a receipt for another customer', async () => {
    const order = await confirmedOrder([{ item: ITEMS.fifo.sku, quantity: '2', unit_price: '50' }]);
    await post('/api/v1/shipments', { date: '2025-03-10', order, lines: [{ order_line: 1, quantity: '2' }] });
    const invoice = String(
      (await json<Body>(await post('/api/v1/customer-invoices', { date: '2025-03-10', order }))).number,
    );
    const moves = await api.count('facts.stock_moves');
    const allowance = await post('/api/v1/credit-notes', {
      date: '2025-03-12',
      invoice,
      reason: 'late delivery',
      returns_stock: false,
      lines: [{ invoice_line: 1, quantity: '1' }],
    });
    const body = await json<Body>(allowance);
    expect(body).toMatchObject({ net_amount: '-50.00', tax_amount: '-9.50', gross_amount: '-59.50' });
    expect(await api.count('facts.stock_moves')).toBe(moves);
    expect(await journalLinesOf(api, String(body.number))).toEqual([
      ['1210', '0.00', '59.50'],
      ['4910', '50.00', '0.00'],
      ['2210', '9.50', '0.00'],
    ]);
    const read = await json<{ kind: string; credited_invoice_number: string; lines: Body[] }>(
      await api.call('GET', `/api/v1/credit-notes/${body.number}`),
    );
    expect(read).toMatchObject({ kind: 'credit_note', credited_invoice_number: invoice });
    expect(read.lines).toEqual([expect.objectContaining({ quantity: '-1.000', cost_amount: '0.00' })]);
    const billed = await json<{ gross_amount: string; lines: Body[] }>(
      await api.call('GET', `/api/v1/customer-invoices/${invoice}`),
    );
    expect(billed.gross_amount).toBe('119.00');
    expect((await api.call('GET', '/api/v1/customer-invoices/SINV-2025-999999')).status).toBe(404);
    const foreign = await refused(
      () =>
        post('/api/v1/customer-receipts', {
          date: '2025-03-20',
          customer: CUSTOMERS.small.code,
          amount: '10',
          allocations: [{ invoice, amount: '10' }],
        }),
      422,
    );
    expect(foreign.code).toBe('invoice_of_other_customer');
    const open = await refused(
      () =>
        post('/api/v1/customer-receipts', {
          date: '2025-03-20',
          customer: CUSTOMERS.big.code,
          amount: '60',
          allocations: [{ invoice, amount: '59.51' }],
        }),
      422,
    );
    expect(open.code).toBe('exceeds_open_amount');
  });
});
