// Order to cash over HTTP, end to end: customers → order → credit check (refused, then overridden) → ship
// partly → invoice → receive partly (some cash unallocated) → credit note for a return; every refusal answers
// with its rule and writes nothing; at the end revenue, cost of goods sold, receivables and inventory tie to
// the ledger, the trial balance, the marts and the reports.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, countStock, salesFactCounts, seedCustomers } from './o2c-testing.ts';
import { ITEMS, journalLinesOf, seedMasterData } from './p2p-testing.ts';
import { json, openTestApi, type TestApi } from './testing.ts';

type Body = Record<string, unknown>;
type Problem = { code: string; errors: Array<{ path: string; code: string }> };

let api: TestApi;
let seller: string;
let manager: string;
let finance: string;
let order = '';
let smallOrder = '';
let invoice = '';

beforeAll(async () => {
  api = await openTestApi();
  await seedMasterData(api);
  await seedCustomers(api);
  // FIFO layers of steel: 100 at 10.00, then 50 at 12.00; oil at a moving average of 8.00.
  await countStock(api, '2025-01-02', 'MAIN', [
    { item: ITEMS.fifo.sku, counted: '100', unit_cost: '10' },
    { item: ITEMS.average.sku, counted: '20', unit_cost: '8' },
  ]);
  await countStock(api, '2025-01-03', 'MAIN', [{ item: ITEMS.fifo.sku, counted: '150', unit_cost: '12' }]);
  seller = await api.tokenFor('sales');
  manager = await api.tokenFor('sales');
  finance = await api.tokenFor('finance');
});
afterAll(() => api.close());

const call = (token: string, path: string, body?: unknown) =>
  api.call(body === undefined ? 'GET' : 'POST', path, { token, body });

async function refused(send: () => Promise<Response>, status: number): Promise<Problem> {
  const before = await salesFactCounts(api);
  const response = await send();
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(await salesFactCounts(api)).toEqual(before);
  return json<Problem>(response);
}

const ship = (lines: Body[], date = '2025-03-10', warehouse?: string) =>
  call(seller, '/api/v1/shipments', { date, order, lines, ...(warehouse ? { warehouse } : {}) });

describe('order to cash', () => {
  it('keeps customers as versions: a new credit limit is a new version, the old one stays', async () => {
    const response = await api.call('POST', `/api/v1/customers/${CUSTOMERS.big.code}/versions`, {
      body: { name: CUSTOMERS.big.name, currency: 'EUR', credit_limit: '20000', valid_from: '2025-02-01' },
    });
    expect(response.status).toBe(201);
    const customer = await json<Body & { versions: Body[] }>(
      await call(seller, `/api/v1/customers/${CUSTOMERS.big.code}`),
    );
    expect(customer).toMatchObject({ version: 2, credit_limit: '20000.00', receivables_account: '1210' });
    expect(customer.versions.map((version) => [version.version, version.valid_to])).toEqual([
      [2, null],
      [1, '2025-01-31'],
    ]);
    const back = await refused(
      () =>
        api.call('POST', `/api/v1/customers/${CUSTOMERS.big.code}/versions`, {
          body: { name: 'x', currency: 'EUR', credit_limit: '1', valid_from: '2025-01-15' },
        }),
      422,
    );
    expect(back.code).toBe('valid_from_before_previous_version');
  });

  it('raises an order priced with discount and tax per line, and confirms it within the limit', async () => {
    const response = await call(seller, '/api/v1/sales-orders', {
      date: '2025-03-01',
      customer: CUSTOMERS.big.code,
      warehouse: 'MAIN',
      requested_date: '2025-03-12',
      customer_reference: 'PO-BIG-77',
      lines: [
        { item: ITEMS.fifo.sku, quantity: '120', unit_price: '25', discount_percent: 10 },
        { item: ITEMS.average.sku, quantity: '10', unit_price: '40', tax_code: 'reduced' },
      ],
    });
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    expect(body).toMatchObject({
      status: 'draft',
      net_amount: '3100.00',
      tax_amount: '541.00',
      gross_amount: '3641.00',
    });
    order = String(body.number);
    expect(order).toMatch(/^SO-2025-0+1$/);
    const confirmed = await json<Body>(
      await call(seller, `/api/v1/sales-orders/${order}/confirm`, { date: '2025-03-02' }),
    );
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      credit_limit: '20000.00',
      credit_exposure: '3641.00',
    });
    const page = await call(seller, `/api/v1/sales-orders/${order}/document`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain(`Order confirmation ${order}`);
    expect(html).toContain('3641.00');
  });

  it('refuses a confirmation beyond the credit limit unless another member of sales overrides it', async () => {
    const raised = await call(seller, '/api/v1/sales-orders', {
      date: '2025-03-01',
      customer: CUSTOMERS.small.code,
      warehouse: 'MAIN',
      lines: [{ item: ITEMS.fifo.sku, quantity: '50', unit_price: '25' }],
    });
    smallOrder = String((await json<Body>(raised)).number);
    const confirm = (token: string, body: Body) =>
      call(token, `/api/v1/sales-orders/${smallOrder}/confirm`, body);
    const over = await refused(() => confirm(seller, { date: '2025-03-02' }), 422);
    expect(over.code).toBe('credit_limit_exceeded');
    expect(over.errors[0]?.path).toBe('override_credit_limit');
    const own = await refused(() => confirm(seller, { override_credit_limit: true, reason: 'known' }), 403);
    expect(own.code).toBe('override_by_creator');
    const noReason = await refused(() => confirm(manager, { override_credit_limit: true }), 422);
    expect(noReason.code).toBe('override_reason_required');
    const byFinance = await refused(
      () => confirm(finance, { override_credit_limit: true, reason: 'x' }),
      403,
    );
    expect(byFinance.code).toBe('role_not_allowed');
    const overridden = await confirm(manager, {
      date: '2025-03-02',
      override_credit_limit: true,
      reason: 'prepaid',
    });
    expect(await json(overridden)).toMatchObject({ status: 'confirmed', credit_exposure: '1487.50' });
    const read = await json<{ events: Body[] }>(await call(seller, `/api/v1/sales-orders/${smallOrder}`));
    expect(read.events.map((event) => event.event)).toEqual(['created', 'credit_override', 'confirmed']);
    expect(read.events[1]).toMatchObject({
      reason: 'prepaid',
      credit_limit: '1000.00',
      credit_exposure: '1487.50',
    });
  });

  it('ships partly at FIFO cost: Dr cost of goods sold / Cr inventory', async () => {
    const response = await ship([
      { order_line: 1, quantity: '80' },
      { order_line: 2, quantity: '10' },
    ]);
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    expect(body).toMatchObject({ order_status: 'partly_delivered', cost_amount: '880.00' });
    expect(await journalLinesOf(api, String(body.number))).toEqual([
      ['5110', '880.00', '0.00'],
      ['1310', '0.00', '880.00'],
    ]);
  });

  it('refuses shipping beyond the order, beyond the stock, and in a closed period', async () => {
    const over = await refused(() => ship([{ order_line: 1, quantity: '40.001' }]), 422);
    expect(over.errors).toEqual([
      expect.objectContaining({ path: 'lines.0.quantity', code: 'exceeds_open_quantity' }),
    ]);
    const empty = await refused(() => ship([{ order_line: 1, quantity: '1' }], '2025-03-10', 'EAST'), 422);
    expect(empty.code).toBe('insufficient_stock');
    await api.call('POST', '/api/v1/periods/2025-02/close', { body: {} });
    const closed = await refused(() => ship([{ order_line: 1, quantity: '1' }], '2025-02-28'), 422);
    expect(closed.errors).toEqual([expect.objectContaining({ path: 'date', code: 'period_is_closed' })]);
    const draft = await json<Body>(
      await call(seller, '/api/v1/sales-orders', {
        date: '2025-03-01',
        customer: CUSTOMERS.big.code,
        warehouse: 'MAIN',
        lines: [{ item: ITEMS.fifo.sku, quantity: '1', unit_price: '25' }],
      }),
    );
    const unconfirmed = await refused(
      () =>
        call(seller, '/api/v1/shipments', {
          date: '2025-03-10',
          order: draft.number,
          lines: [{ order_line: 1, quantity: '1' }],
        }),
      409,
    );
    expect(unconfirmed.code).toBe('order_not_open_for_delivery');
  });

  it('invoices what was delivered: Dr receivables / Cr revenue, Cr output tax', async () => {
    const response = await call(finance, '/api/v1/customer-invoices', { date: '2025-03-11', order });
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    invoice = String(body.number);
    expect(body).toMatchObject({
      net_amount: '2200.00',
      tax_amount: '370.00',
      gross_amount: '2570.00',
      due_date: '2025-04-10',
    });
    expect(await journalLinesOf(api, invoice)).toEqual([
      ['1210', '2570.00', '0.00'],
      ['4110', '0.00', '2200.00'],
      ['2210', '0.00', '370.00'],
    ]);
  });

  it('refuses an invoice without delivery, twice for the same delivery, and in a closed period', async () => {
    const again = await refused(
      () => call(finance, '/api/v1/customer-invoices', { date: '2025-03-12', order }),
      422,
    );
    expect(again.code).toBe('invoice_without_delivery');
    const nothing = await refused(
      () => call(finance, '/api/v1/customer-invoices', { date: '2025-03-12', order: smallOrder }),
      422,
    );
    expect(nothing.code).toBe('invoice_without_delivery');
    const closed = await refused(
      () => call(finance, '/api/v1/customer-invoices', { date: '2025-02-12', order }),
      422,
    );
    expect(closed.errors.map((error) => error.code)).toContain('period_is_closed');
  });

  it('receives partly: allocates to the invoice and keeps the rest visible as unallocated', async () => {
    const receipt = (amount: string, allocated: string) =>
      call(finance, '/api/v1/customer-receipts', {
        date: '2025-04-20',
        customer: CUSTOMERS.big.code,
        amount,
        allocations: [{ invoice, amount: allocated }],
      });
    const beyond = await refused(() => receipt('3000', '2570.01'), 422);
    expect(beyond.code).toBe('exceeds_open_amount');
    const more = await refused(() => receipt('100', '200'), 422);
    expect(more.code).toBe('allocations_exceed_amount');
    const response = await receipt('1200', '1000');
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    expect(body).toMatchObject({ amount: '1200.00', allocated: '1000.00', unallocated: '200.00' });
    expect(await journalLinesOf(api, String(body.number))).toEqual([
      ['1130', '1200.00', '0.00'],
      ['1210', '0.00', '1200.00'],
    ]);
  });

  it('credits a return: revenue and tax back, the goods back in stock at the cost they left with', async () => {
    const response = await call(finance, '/api/v1/credit-notes', {
      date: '2025-04-22',
      invoice,
      reason: 'damaged in transit',
      lines: [{ invoice_line: 1, quantity: '10' }],
    });
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    expect(body.gross_amount).toBe('-267.75');
    expect(await journalLinesOf(api, String(body.number))).toEqual([
      ['1210', '0.00', '267.75'],
      ['4910', '225.00', '0.00'],
      ['2210', '42.75', '0.00'],
      ['1310', '100.00', '0.00'],
      ['5110', '0.00', '100.00'],
    ]);
    const beyond = await refused(
      () =>
        call(finance, '/api/v1/credit-notes', {
          date: '2025-04-22',
          invoice,
          reason: 'again',
          lines: [{ invoice_line: 1, quantity: '70.001' }],
        }),
      422,
    );
    expect(beyond.code).toBe('exceeds_creditable_quantity');
  });

  it('leaves revenue, cost of goods sold, receivables and inventory tied to the ledger', async () => {
    const balances = await api.ledger.db.query(
      'select account_code, sum(debit) - sum(credit) as balance from facts.journal_lines group by all',
    );
    const ledger = Object.fromEntries(balances.map((row) => [String(row.account_code), String(row.balance)]));
    const [stock] = await api.ledger.db.query('select sum(value) as value from facts.stock_moves');
    expect(ledger['1310']).toBe(String(stock?.value));
    expect(ledger).toMatchObject({
      '1210': '1102.25',
      '4110': '-2200.00',
      '4910': '225.00',
      '5110': '780.00',
      '2210': '-327.25',
      '1130': '1200.00',
    });
    const trial = await json<{ totals: Body; rows: Body[] }>(
      await api.call('GET', '/api/v1/statements/trial-balance?as_of=2025-12-31&fresh=true'),
    );
    expect(trial.totals.debit).toBe(trial.totals.credit);
    const inTrial = Object.fromEntries(trial.rows.map((row) => [row.account, row.balance]));
    expect(inTrial).toMatchObject({ '1210': '1102.25', '5110': '780.00', '1310': ledger['1310'] });
  });
});

describe('order-to-cash marts', () => {
  it('builds the marts and passes the subledger tests: AR = receivables, invoiced cost = shipped cost', async () => {
    const response = await api.call('POST', '/api/v1/transforms/run', { body: { full: true, wait: true } });
    const run = await json<{
      status: string;
      nodes: Array<{ node: string; status: string; error?: string }>;
    }>(response);
    const failed = run.nodes.filter((node) => node.status !== 'success' && node.status !== 'pass');
    expect(failed).toEqual([]);
    expect(run.status).toBe('success');
    expect(run.nodes.map((node) => node.node)).toEqual(
      expect.arrayContaining([
        'assert_ar_subledger_matches_receivables',
        'assert_invoiced_cost_matches_shipped_cost',
        'assert_shipments_within_orders',
        'assert_stock_value_matches_inventory_postings',
        'fct_sales_order_lines',
        'fct_invoice_lines',
      ]),
    );
    const lines = await api.ledger.db.query(
      `select line_no, status, quantity_open, net_open from marts.fct_sales_order_lines
       where order_number = ? order by line_no`,
      [order],
    );
    expect(
      lines.map((row) => [row.line_no, row.status, String(row.quantity_open), String(row.net_open)]),
    ).toEqual([
      [1, 'partly_delivered', '40.000', '900.00'],
      [2, 'partly_delivered', '0.000', '0.00'],
    ]);
    const [margin] = await api.ledger.db.query(
      'select sum(net_amount) as revenue, sum(cost_amount) as cost, sum(margin_amount) as margin from marts.fct_invoice_lines',
    );
    expect([String(margin?.revenue), String(margin?.cost), String(margin?.margin)]).toEqual([
      '1975.00',
      '780.00',
      '1195.00',
    ]);
    const [owed] = await api.ledger.db.query(
      'select sum(amount) as owed from marts.fct_receivable_movements',
    );
    expect(String(owed?.owed)).toBe('1102.25');
  });
});

describe('order-to-cash reports', () => {
  const report = async (path: string) => {
    const response = await api.call('GET', `/api/v1/reports/${path}`);
    expect(response.status).toBe(200);
    return json<{ rows: Body[]; totals: Body }>(response);
  };

  it('ages what customers owe with buckets as parameters, unallocated cash as a credit', async () => {
    const early = await report('ar-aging?as_of=2025-04-09');
    expect(early.rows).toEqual([
      expect.objectContaining({ customer: 'BIGCO', not_due: '2570.00', open_amount: '2570.00' }),
    ]);
    const late = await report('ar-aging?as_of=2025-05-31&bucket_1=20&bucket_2=40&bucket_3=60');
    expect(late.rows).toEqual([
      expect.objectContaining({
        customer: 'BIGCO',
        bucket_3: '1302.25',
        unallocated: '-200.00',
        open_amount: '1102.25',
      }),
    ]);
    expect(late.totals.open_amount).toBe('1102.25');
    const falling = await api.call(
      'GET',
      '/api/v1/reports/ar-aging?as_of=2025-05-31&bucket_1=60&bucket_2=30',
    );
    expect(falling.status).toBe(422);
  });

  it('renders the aging as CSV and as a workbook from the same definition', async () => {
    const csv = await api.call('GET', '/api/v1/reports/ar-aging?as_of=2025-05-31&format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('BIGCO');
    expect(text).toContain('1102.25');
    const xlsx = await api.call('GET', '/api/v1/reports/ar-aging?as_of=2025-05-31&format=xlsx');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('AR aging');
  });

  it('answers the customer ledger, DSO, the backlog and the on-time rate', async () => {
    const ledger = await report('customer-ledger?customer=BIGCO&from=2025-04-01&to=2025-12-31');
    expect(ledger.totals).toMatchObject({ opening_balance: '2570.00', closing_balance: '1102.25' });
    expect(ledger.rows.map((row) => [row.kind, row.balance])).toEqual([
      ['customer-receipt', '1570.00'],
      ['customer-receipt', '1370.00'],
      ['credit-note', '1102.25'],
    ]);
    const dso = await report('dso?from=2025-03-01&to=2025-05-31');
    // 1102.25 open of 2302.25 billed (2570.00 less the credit note) over 92 days.
    expect(dso.rows).toEqual([expect.objectContaining({ customer: 'BIGCO', dso_days: 44 })]);
    const open = await report('open-sales-orders');
    expect(open.rows.map((row) => [row.order_number, row.line_no, row.quantity_open, row.net_open])).toEqual([
      [smallOrder, 1, '50.000', '1250.00'],
      [order, 1, '40.000', '900.00'],
    ]);
    expect(open.totals).toMatchObject({ lines: 2, orders: 2, backlog: '2150.00' });
    const onTime = await report('on-time-delivery?from=2025-01-01&to=2025-12-31');
    expect(onTime.rows).toEqual([
      expect.objectContaining({
        customer: 'BIGCO',
        lines_delivered: 1,
        lines_on_time: 1,
        on_time_percent: 100,
      }),
    ]);
  });

  it('analyses sales and margin from the cost actually posted, beside the previous period', async () => {
    const byItem = await report('sales-analysis?from=2025-01-01&to=2025-12-31&by=item');
    expect(byItem.rows.map((row) => [row.key, row.net_revenue, row.cost, row.margin])).toEqual([
      ['RM-OIL', '400.00', '80.00', '320.00'],
      ['RM-STEEL', '1575.00', '700.00', '875.00'],
    ]);
    expect(byItem.totals).toMatchObject({ net_revenue: '1975.00', margin: '1195.00' });
    const margin = await report('gross-margin?from=2025-04-01&to=2025-04-30&by=customer');
    expect(margin.rows).toEqual([
      expect.objectContaining({
        key: 'BIGCO',
        net_revenue: '-225.00',
        margin: '-125.00',
        previous_net_revenue: '2200.00',
        previous_margin: '1320.00',
        margin_change: '-1445.00',
      }),
    ]);
    // Two months of history, three of warm-up by default: no errors to size an interval with, no forecast.
    const short = await report('sales-forecast');
    expect(short.rows).toEqual([]);
    const forecast = await report('sales-forecast?warmup=1&months=2&format=json');
    expect(forecast.rows.map((row) => row.period)).toEqual(['2025-05', '2025-06']);
    const lines = await report(`invoice-margin?from=2025-01-01&to=2025-12-31&item=${'RM-STEEL'}`);
    expect(lines.rows.map((row) => [row.kind, row.net_amount, row.cost_amount, row.margin_amount])).toEqual([
      ['invoice', '1800.00', '800.00', '1000.00'],
      ['credit_note', '-225.00', '-100.00', '-125.00'],
    ]);
  });
});
