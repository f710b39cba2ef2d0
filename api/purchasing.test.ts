// Procure-to-pay over HTTP, end to end: plan → order → approve → send → receive partly → invoice (three-way
// match with a price variance) → pay in parts; every refusal on the way answers with its rule and writes
// nothing; at the end the stock and the payables agree with the ledger and the trial balance.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factCounts, ITEMS, journalLinesOf, seedMasterData } from './p2p-testing.ts';
import { json, openTestApi, type TestApi } from './testing.ts';

type Body = Record<string, unknown>;
type Problem = { code: string; errors: Array<{ path: string; code: string }> };

let api: TestApi;
let buyer: string;
let secondBuyer: string;
let finance: string;
let order = '';
let invoice = '';

beforeAll(async () => {
  api = await openTestApi();
  await seedMasterData(api);
  buyer = await api.tokenFor('purchasing');
  secondBuyer = await api.tokenFor('purchasing');
  finance = await api.tokenFor('finance');
});
afterAll(() => api.close());

const call = (token: string, path: string, body?: unknown) =>
  api.call(body === undefined ? 'GET' : 'POST', path, { token, body });

async function refused(send: () => Promise<Response>, status: number): Promise<Problem> {
  const before = await factCounts(api);
  const response = await send();
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(await factCounts(api)).toEqual(before);
  return json<Problem>(response);
}

const receipt = (lines: Body[], date = '2025-03-10') =>
  call(buyer, '/api/v1/goods-receipts', { date, order, lines });

describe('procure to pay', () => {
  it('plans below the reorder point and turns chosen lines into one draft order per supplier', async () => {
    const plan = await json<{ rows: Body[] }>(
      await call(buyer, '/api/v1/purchase-plan?as_of=2025-03-01&warehouse=MAIN'),
    );
    expect(plan.rows).toHaveLength(3);
    expect(plan.rows[0]).toMatchObject({
      warehouse: 'MAIN',
      quantity: '200.000',
      reason: 'below_reorder_point',
    });
    const response = await call(buyer, '/api/v1/purchase-plan/orders', {
      date: '2025-03-01',
      lines: [
        { item: ITEMS.fifo.sku, warehouse: 'MAIN', quantity: '1000' },
        { item: ITEMS.batched.sku, warehouse: 'MAIN' },
      ],
    });
    expect(response.status).toBe(201);
    const { orders } = await json<{ orders: Body[] }>(response);
    expect(orders).toEqual([
      expect.objectContaining({
        status: 'draft',
        net_amount: '12000.00',
        required_approvals: ['purchasing'],
      }),
    ]);
    order = String(orders[0]?.number);
    const notPlanned = await refused(
      () =>
        call(buyer, '/api/v1/purchase-plan/orders', {
          date: '2025-03-01',
          lines: [{ item: 'X', warehouse: 'MAIN' }],
        }),
      422,
    );
    expect(notPlanned.code).toBe('not_in_plan');
  });

  it('needs another buyer to approve above the limit, then sends the order and prints it', async () => {
    const own = await refused(() => call(buyer, `/api/v1/purchase-orders/${order}/approve`, {}), 403);
    expect(own.code).toBe('approver_is_creator');
    const early = await refused(() => receipt([{ order_line: 1, received: '1' }]), 409);
    expect(early.code).toBe('order_not_open_for_receipt');
    const approved = await call(secondBuyer, `/api/v1/purchase-orders/${order}/approve`, {
      date: '2025-03-02',
    });
    expect(await json(approved)).toMatchObject({ status: 'approved', approvals_missing: [] });
    const sent = await call(buyer, `/api/v1/purchase-orders/${order}/send`, { date: '2025-03-02' });
    expect(await json(sent)).toMatchObject({ status: 'sent' });
    const twice = await refused(() => call(buyer, `/api/v1/purchase-orders/${order}/send`, {}), 409);
    expect(twice.code).toBe('invalid_status_transition');
    const page = await call(buyer, `/api/v1/purchase-orders/${order}/document`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain(`Purchase order ${order}`);
  });

  it('receives partly, with a rejection and a batch: Dr inventory / Cr GRNI at the order price', async () => {
    const response = await receipt([
      { order_line: 1, received: '600', rejected: '100' },
      { order_line: 2, received: '200', batch: 'R-01', expiry: '2026-01-31' },
    ]);
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    expect(body.order_status).toBe('partly_received');
    expect(await journalLinesOf(api, String(body.number))).toEqual([
      ['1310', '7000.00', '0.00'],
      ['2120', '0.00', '7000.00'],
    ]);
    const read = await json<{ lines: Body[]; status: string }>(
      await call(buyer, `/api/v1/purchase-orders/${order}`),
    );
    expect(read.status).toBe('partly_received');
    expect(read.lines[0]).toMatchObject({ received: '600.000', accepted: '500.000', open: '500.000' });
  });

  it('refuses an over-receipt beyond the tolerance, a missing batch and a closed period', async () => {
    const over = await refused(() => receipt([{ order_line: 1, received: '601' }]), 422);
    expect(over.errors).toEqual([
      expect.objectContaining({ path: 'lines.0.received', code: 'exceeds_open_quantity' }),
    ]);
    const noBatch = await refused(() => receipt([{ order_line: 2, received: '5' }]), 422);
    expect(noBatch.code).toBe('batch_required');
    await api.call('POST', '/api/v1/periods/2025-02/close', { body: {} });
    const closed = await refused(() => receipt([{ order_line: 1, received: '1' }], '2025-02-28'), 422);
    expect(closed.errors).toEqual([expect.objectContaining({ path: 'date', code: 'period_is_closed' })]);
  });

  it('books an invoice matched three ways, the price difference to the variance account', async () => {
    const response = await call(finance, '/api/v1/supplier-invoices', {
      date: '2025-03-15',
      supplier: 'ACME',
      supplier_reference: 'ACME-4711',
      tax_amount: '1420.00',
      lines: [
        { order, order_line: 1, quantity: '500', unit_price: '10.20' },
        { order, order_line: 2, quantity: '200', unit_price: '10' },
      ],
    });
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    invoice = String(body.number);
    expect(body).toMatchObject({
      net_amount: '7100.00',
      gross_amount: '8520.00',
      price_variance: '100.00',
      due_date: '2025-04-14',
    });
    expect(await journalLinesOf(api, invoice)).toEqual([
      ['2120', '7000.00', '0.00'],
      ['5210', '100.00', '0.00'],
      ['1250', '1420.00', '0.00'],
      ['2110', '0.00', '8520.00'],
    ]);
  });

  it('refuses an invoice beyond the receipt, without a receipt, off price, or booked twice', async () => {
    const line = { order, order_line: 1, quantity: '1', unit_price: '10' };
    const base = { date: '2025-03-16', supplier: 'ACME', supplier_reference: 'ACME-4712' };
    const beyond = await refused(
      () => call(finance, '/api/v1/supplier-invoices', { ...base, lines: [line] }),
      422,
    );
    expect(beyond.code).toBe('exceeds_received_quantity');
    const offPrice = await refused(
      () => call(finance, '/api/v1/supplier-invoices', { ...base, lines: [{ ...line, unit_price: '11' }] }),
      422,
    );
    expect(offPrice.errors.map((error) => error.code)).toContain('price_outside_tolerance');
    const twice = await refused(
      () =>
        call(finance, '/api/v1/supplier-invoices', {
          ...base,
          supplier_reference: 'ACME-4711',
          lines: [line],
        }),
      409,
    );
    expect(twice.code).toBe('duplicate_supplier_invoice');
    const small = await json<Body>(
      await call(buyer, '/api/v1/purchase-orders', {
        date: '2025-03-03',
        supplier: 'ACME',
        warehouse: 'EAST',
        lines: [{ item: ITEMS.average.sku, quantity: '5' }],
      }),
    );
    expect(small.required_approvals).toEqual([]);
    await call(buyer, `/api/v1/purchase-orders/${small.number}/approve`, {});
    await call(buyer, `/api/v1/purchase-orders/${small.number}/send`, {});
    const unreceived = await refused(
      () =>
        call(finance, '/api/v1/supplier-invoices', {
          ...base,
          lines: [{ order: small.number, order_line: 1, quantity: '5', unit_price: '10' }],
        }),
      422,
    );
    expect(unreceived.code).toBe('invoice_without_receipt');
  });

  it('pays in parts, never beyond what is open', async () => {
    const pay = (amount: string) =>
      call(finance, '/api/v1/supplier-payments', {
        date: '2025-04-10',
        supplier: 'ACME',
        allocations: [{ invoice, amount }],
      });
    const first = await pay('5000.00');
    expect(first.status).toBe(201);
    expect(await journalLinesOf(api, String((await json<Body>(first)).number))).toEqual([
      ['2110', '5000.00', '0.00'],
      ['1130', '0.00', '5000.00'],
    ]);
    const beyond = await refused(() => pay('3520.01'), 422);
    expect(beyond.code).toBe('exceeds_open_amount');
    expect((await pay('3520.00')).status).toBe(201);
    const buyerPays = await call(buyer, '/api/v1/supplier-payments', {
      date: '2025-04-10',
      supplier: 'ACME',
      allocations: [{ invoice, amount: '1' }],
    });
    expect(buyerPays.status).toBe(403);
  });

  it('leaves stock, GRNI and payables agreeing with the ledger and the trial balance', async () => {
    const balances = await api.ledger.db.query(
      `select account_code, sum(debit) - sum(credit) as balance from facts.journal_lines group by all`,
    );
    const ledger = Object.fromEntries(balances.map((row) => [String(row.account_code), String(row.balance)]));
    const [stock] = await api.ledger.db.query('select sum(value) as value from facts.stock_moves');
    expect(ledger['1310']).toBe(String(stock?.value));
    expect(ledger['1310']).toBe('7000.00');
    expect(ledger['2120']).toBe('0.00');
    expect(ledger['2110']).toBe('0.00');
    expect(ledger['1130']).toBe('-8520.00');
    const trial = await json<{ totals: Body; rows: Body[] }>(
      await api.call('GET', '/api/v1/statements/trial-balance?as_of=2025-12-31&fresh=true'),
    );
    expect(trial.totals.debit).toBe(trial.totals.credit);
    const inTrial = Object.fromEntries(trial.rows.map((row) => [row.account, row.balance]));
    expect(inTrial).toMatchObject({
      '1310': '7000.00',
      '5210': '100.00',
      '1250': '1420.00',
      '1130': '-8520.00',
    });
  });
});

describe('procure-to-pay marts', () => {
  it('builds the marts and passes the subledger tests: stock = inventory postings, AP = payables', async () => {
    const response = await api.call('POST', '/api/v1/transforms/run', { body: { full: true, wait: true } });
    const run = await json<{ status: string; nodes: Array<{ node: string; kind: string; status: string }> }>(
      response,
    );
    const failed = run.nodes.filter((node) => node.status !== 'success' && node.status !== 'pass');
    expect(failed).toEqual([]);
    expect(run.status).toBe('success');
    const nodes = run.nodes.map((node) => node.node);
    expect(nodes).toEqual(
      expect.arrayContaining([
        'assert_stock_value_matches_inventory_postings',
        'assert_ap_subledger_matches_payables',
        'fct_purchase_order_lines',
      ]),
    );
    const lines = await api.ledger.db.query(
      'select line_no, status, quantity_open, price_variance from marts.fct_purchase_order_lines where order_number = ? order by line_no',
      [order],
    );
    expect(
      lines.map((row) => [row.line_no, row.status, String(row.quantity_open), String(row.price_variance)]),
    ).toEqual([
      [1, 'partly_received', '500.000', '100.00'],
      [2, 'partly_received', '0.000', '0.00'],
    ]);
    const [ap] = await api.ledger.db.query(
      'select sum(open_amount) as open from marts.fct_supplier_invoices',
    );
    expect(String(ap?.open)).toBe('0.00');
  });
});

describe('procure-to-pay reports', () => {
  it('answers the stock balance as of a date and the AP aging with its buckets as parameters', async () => {
    const stock = await json<{ rows: Body[]; totals: Body }>(
      await api.call('GET', '/api/v1/reports/stock-balance?as_of=2025-12-31&warehouse=MAIN'),
    );
    expect(stock.totals).toMatchObject({ value: '7000.00', rows: 2 });
    expect(stock.rows[0]).toMatchObject({ item: ITEMS.batched.sku, batch: 'R-01', quantity: '200.000' });
    const before = await json<{ rows: Body[] }>(
      await api.call('GET', '/api/v1/reports/ap-aging?as_of=2025-04-09'),
    );
    expect(before.rows).toEqual([
      expect.objectContaining({ supplier: 'ACME', not_due: '8520.00', open_amount: '8520.00' }),
    ]);
    const late = await json<{ rows: Body[] }>(
      await api.call('GET', '/api/v1/reports/ap-aging?as_of=2025-04-09&bucket_1=1&bucket_2=2&bucket_3=3'),
    );
    expect(late.rows[0]).toMatchObject({ bucket_1: '0.00', open_amount: '8520.00' });
    const paid = await json<{ rows: Body[] }>(
      await api.call('GET', '/api/v1/reports/ap-aging?as_of=2025-12-31'),
    );
    expect(paid.rows).toEqual([]);
    const open = await json<{ rows: Body[]; totals: Body }>(
      await api.call('GET', '/api/v1/reports/open-purchase-orders?supplier=ACME'),
    );
    expect(open.rows.map((row) => [row.order_number, row.line_no, row.quantity_open])).toEqual([
      [order, 1, '500.000'],
      [expect.any(String), 1, '5.000'],
    ]);
    expect(open.totals).toMatchObject({ lines: 2, orders: 2 });
    const delivery = await json<{ rows: Body[] }>(
      await api.call('GET', '/api/v1/reports/supplier-delivery?from=2025-01-01&to=2025-12-31'),
    );
    expect(delivery.rows).toEqual([
      expect.objectContaining({
        supplier: 'ACME',
        lines_delivered: 1,
        lines_on_time: 1,
        quantity_rejected: '100.000',
      }),
    ]);
    const ledger = await json<{ rows: Body[] }>(
      await api.call(
        'GET',
        `/api/v1/reports/stock-ledger?item=${ITEMS.fifo.sku}&from=2025-01-01&to=2025-12-31`,
      ),
    );
    expect(ledger.rows).toEqual([
      expect.objectContaining({
        move_type: 'receipt',
        running_quantity: '500.000',
        running_value: '5000.00',
      }),
    ]);
    // The same stock ledger as a streamed workbook: every move, as numbers, with totals as formulas.
    const workbook = await api.call(
      'GET',
      `/api/v1/reports/stock-ledger?item=${ITEMS.fifo.sku}&from=2025-01-01&to=2025-12-31&format=xlsx`,
    );
    expect(workbook.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbook.arrayBuffer()) as ArrayBuffer);
    const sheet = book.getWorksheet('Stock ledger')!;
    const cells = (number: number) => (sheet.getRow(number).values as unknown[]).slice(1);
    expect(cells(2)).toEqual([
      new Date('2025-03-10T00:00:00Z'),
      ledger.rows[0]?.document_number,
      'receipt',
      'MAIN',
      undefined,
      500,
      5000,
      500,
      5000,
    ]);
    expect(sheet.getRow(3).getCell(6).value).toEqual({ formula: 'SUM(F2:F2)' });
    const unknown = await api.call(
      'GET',
      '/api/v1/reports/stock-ledger?item=NO-SUCH&from=2025-01-01&to=2025-12-31&format=xlsx',
    );
    expect(unknown.status).toBe(422);
    expect((await json<Problem>(unknown)).errors[0]).toMatchObject({ path: 'item', code: 'item_not_found' });
    const reconciliation = await json<{ rows: Body[] }>(
      await api.call('GET', '/api/v1/reports/stock-valuation-reconciliation?as_of=2025-12-31'),
    );
    expect(reconciliation.rows).toEqual([
      expect.objectContaining({
        account: '1310',
        stock_value: '7000.00',
        ledger_balance: '7000.00',
        difference_to_ledger: '0.00',
      }),
    ]);
    const expiring = await json<{ rows: Body[] }>(
      await api.call('GET', '/api/v1/reports/expiring-stock?as_of=2026-01-10'),
    );
    expect(expiring.rows).toEqual([expect.objectContaining({ batch: 'R-01', days_left: 21 })]);
    const slow = await json<{ rows: Body[] }>(
      await api.call('GET', '/api/v1/reports/slow-moving-stock?as_of=2025-12-31'),
    );
    expect(slow.rows.map((row) => row.item)).toEqual([ITEMS.fifo.sku, ITEMS.batched.sku]);
    const supplierLedger = await json<{ rows: Body[]; totals: Body }>(
      await api.call('GET', '/api/v1/reports/supplier-ledger?supplier=ACME&from=2025-04-01&to=2025-12-31'),
    );
    expect(supplierLedger.rows.map((row) => row.balance)).toEqual(['3520.00', '0.00']);
    expect(String(supplierLedger.totals.opening_balance)).toBe('8520.00');
    const analysis = await json<{ rows: Body[] }>(
      await api.call('GET', '/api/v1/reports/purchase-analysis?from=2025-03-01&to=2025-03-31&item=RM-STEEL'),
    );
    expect(analysis.rows).toEqual([
      expect.objectContaining({ period: '2025-03', quantity_accepted: '500.000', price_variance: '100.00' }),
    ]);
    const turns = await api.call('GET', '/api/v1/reports/inventory-turns?from=2025-01-01&to=2025-12-31');
    expect(turns.status).toBe(200);
    const falling = await api.call(
      'GET',
      '/api/v1/reports/ap-aging?as_of=2025-04-09&bucket_1=60&bucket_2=30',
    );
    expect(falling.status).toBe(422);
    expect((await json<Problem>(falling)).errors).toEqual([
      expect.objectContaining({ code: 'buckets_must_rise' }),
    ]);
  });
});
