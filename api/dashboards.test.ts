// The dashboards area without a browser: sign-in redirects, the CSP, empty and error states as pages, the
// pages' content for a small ledger, the operations dashboard over purchasing, stock and sales documents (every
// figure equal to the API report it names, the warehouse filter, the drill-down to an order), and the static
// files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP } from './dashboard-pages.ts';
import { chartSpecs, figureLists, figuresOf } from './dashboards-testing.ts';
import { countStock, seedCustomers } from './o2c-testing.ts';
import { ITEMS, seedMasterData } from './p2p-testing.ts';
import { journal, json, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi();
});
afterAll(() => api.close());

async function html(
  path: string,
  token?: string | null,
  on: TestApi = api,
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await on.call('GET', path, token === undefined ? {} : { token });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('before anything is posted', () => {
  it('sends a visitor without a session to the sign-in page, keeping the address', async () => {
    const response = await api.call('GET', '/dashboards/finance?period=2025-01', { token: null });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      '/dashboards/login?next=%2Fdashboards%2Ffinance%3Fperiod%3D2025-01',
    );
  });

  it('serves the sign-in page under the strict CSP', async () => {
    const page = await html('/dashboards/login?next=/dashboards/operations', null);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(page.text).toContain('data-next="/dashboards/operations"');
  });

  it('says the marts are not built yet instead of failing', async () => {
    const page = await html('/dashboards/executive');
    expect(page.status).toBe(503);
    expect(page.text).toContain('No reporting data yet');
  });
});

describe('with a few journals', () => {
  beforeAll(async () => {
    for (const date of ['2025-01-15', '2025-02-15']) {
      expect((await api.call('POST', '/api/v1/journals', { body: journal({ date }) })).status).toBe(201);
    }
    // A read with fresh=true builds the marts the pages read.
    expect((await api.call('GET', '/api/v1/reports/posting-periods?fresh=true')).status).toBe(200);
  });

  it('shows the executive tiles for the latest period with postings', async () => {
    const page = await html('/dashboards/executive');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<option value="2025-02" selected>');
    expect(page.text).toContain('data-kpi="revenue"');
    expect(page.text).toContain('id="chart-specs"');
  });

  it('shows a statement with links to the general-ledger page', async () => {
    const page = await html('/dashboards/finance?period=2025-02&statement=trial-balance&span=year-to-date');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/href="\/dashboards\/general-ledger\?account=6310&amp;from=/);
  });

  it('shows the general-ledger lines with links to their journals', async () => {
    const page = await html('/dashboards/general-ledger?account=6310&from=2025-01-01&to=2025-02-28');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/href="\/dashboards\/documents\/[^"]+"/);
  });

  it('shows bad filters as a page that names them', async () => {
    const page = await html('/dashboards/operations?period=2025-13');
    expect(page.status).toBe(422);
    expect(page.text).toContain('data-state="error"');
    expect(page.text).toContain('period');
  });

  it('shows an unknown journal as a not-found page', async () => {
    const page = await html('/dashboards/documents/JV-NOPE');
    expect(page.status).toBe(404);
    expect(page.text).toContain('data-state="error"');
  });

  it('shows an empty state for each module without documents, and bottlenecks as still to come', async () => {
    const page = await html('/dashboards/operations');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No stock is on hand in every warehouse at the end of 2025-02-28');
    expect(page.text.match(/<h2>No open orders<\/h2>/g)).toHaveLength(2);
    expect(page.text).toContain('No purchase order line expected in these months was received in full');
    expect(page.text).toContain('No sales order line was shipped in full in these months');
    expect(page.text).toContain('No fixed assets registered');
    expect(page.text).toContain('arrives with process monitoring');
    expect(page.text).not.toContain('arrives with the inventory module');
  });
});

describe('the operations dashboard over purchasing, stock and sales documents', () => {
  let ops: TestApi;
  const post = async (path: string, body: unknown): Promise<string> => {
    const response = await ops.call('POST', path, { body });
    const answer = await json(response);
    if (response.status >= 300) throw new Error(`${path}: ${JSON.stringify(answer)}`);
    return String(answer.number ?? '');
  };
  /** A purchase order of one line, approved and sent (below every approval limit, so admin may approve it). */
  const purchase = async (date: string, warehouse: string, line: Record<string, unknown>) => {
    const order = await post('/api/v1/purchase-orders', { date, supplier: 'ACME', warehouse, lines: [line] });
    for (const action of ['approve', 'send'])
      await post(`/api/v1/purchase-orders/${order}/${action}`, { date });
    return order;
  };
  const receive = (date: string, order: string, received: string) =>
    post('/api/v1/goods-receipts', { date, order, lines: [{ order_line: 1, received }] });
  const sell = async (date: string, customer: string, warehouse: string, line: Record<string, unknown>) => {
    const order = await post('/api/v1/sales-orders', { date, customer, warehouse, lines: [line] });
    await post(`/api/v1/sales-orders/${order}/confirm`, { date });
    return order;
  };
  const ship = (date: string, order: string, quantity: string) =>
    post('/api/v1/shipments', { date, order, lines: [{ order_line: 1, quantity }] });

  beforeAll(async () => {
    ops = await openTestApi();
    await seedMasterData(ops);
    await seedCustomers(ops);
    const steel = ITEMS.fifo.sku;
    const oil = ITEMS.average.sku;
    await countStock(ops, '2025-01-02', 'MAIN', [{ item: steel, counted: '100', unit_cost: '10' }]);
    await countStock(ops, '2025-01-02', 'EAST', [{ item: oil, counted: '20', unit_cost: '5' }]);
    // Suppliers: one line late (01-20 for 01-15), one on time, one overdue and partly received, one not due.
    await receive(
      '2025-01-20',
      await purchase('2025-01-10', 'MAIN', {
        item: steel,
        quantity: '5',
        unit_price: '10',
        expected_date: '2025-01-15',
      }),
      '5',
    );
    await receive(
      '2025-02-10',
      await purchase('2025-02-03', 'MAIN', {
        item: steel,
        quantity: '50',
        unit_price: '10',
        expected_date: '2025-02-13',
      }),
      '50',
    );
    await receive(
      '2025-02-25',
      await purchase('2025-02-05', 'MAIN', {
        item: steel,
        quantity: '30',
        unit_price: '10',
        expected_date: '2025-02-20',
      }),
      '10',
    );
    await purchase('2025-02-20', 'EAST', {
      item: oil,
      quantity: '10',
      unit_price: '6',
      expected_date: '2025-03-15',
    });
    // Customers: one line shipped on time, one late, one overdue from EAST, one not due yet.
    await ship(
      '2025-02-08',
      await sell('2025-02-01', 'BIGCO', 'MAIN', {
        item: steel,
        quantity: '5',
        unit_price: '20',
        promised_date: '2025-02-10',
      }),
      '5',
    );
    await ship(
      '2025-02-15',
      await sell('2025-02-01', 'SMALLCO', 'MAIN', {
        item: steel,
        quantity: '4',
        unit_price: '25',
        promised_date: '2025-02-12',
      }),
      '4',
    );
    await sell('2025-02-10', 'BIGCO', 'EAST', {
      item: oil,
      quantity: '3',
      unit_price: '30',
      promised_date: '2025-02-25',
    });
    await sell('2025-02-11', 'BIGCO', 'MAIN', {
      item: steel,
      quantity: '2',
      unit_price: '20',
      promised_date: '2025-03-10',
    });
    expect((await ops.call('GET', '/api/v1/reports/posting-periods?fresh=true')).status).toBe(200);
  });
  afterAll(() => ops?.close());

  it('shows every figure exactly as the API report it names answers it', async () => {
    const page = await html('/dashboards/operations?period=2025-02', undefined, ops);
    expect(page.status).toBe(200);
    const lists = figureLists(page.text);
    expect(lists.length).toBeGreaterThanOrEqual(7);
    for (const { source, figures } of lists) {
      const response = await ops.call('GET', source);
      expect(response.status, source).toBe(200);
      const { totals } = await json<{ totals: Record<string, unknown> }>(response);
      for (const [key, value] of Object.entries(figures)) {
        expect(value, `${source} ${key}`).toBe(totals[key] === null ? '' : String(totals[key]));
      }
    }
  });

  it('shows the stock, the open orders with what is overdue, and both on-time rates of the documents', async () => {
    const lists = figureLists((await html('/dashboards/operations?period=2025-02', undefined, ops)).text);
    // Steel in MAIN: 100 counted + 5 + 50 + 10 received - 5 - 4 shipped = 156 at 10.00; oil in EAST: 20 at 5.00.
    expect(figuresOf(lists, 'stock-by-warehouse?as_of=2025-02-28')).toEqual({
      value: '1660.00',
      warehouses: '2',
      items: '2',
    });
    const balance = await json<{ totals: Record<string, unknown> }>(
      await ops.call('GET', '/api/v1/reports/stock-balance?as_of=2025-02-28'),
    );
    expect(balance.totals.value).toBe('1660.00');
    // Open: 20 steel at 10.00 (expected 02-20, so overdue) and 10 oil at 6.00 (expected in March).
    expect(figuresOf(lists, 'open-purchase-orders?limit=10')).toEqual({
      orders: '2',
      lines: '2',
      open_value: '260.00',
      oldest_expected_date: '2025-02-20',
    });
    expect(figuresOf(lists, 'open-purchase-orders?expected_by=2025-02-28&limit=1')).toEqual({
      lines: '1',
      open_value: '200.00',
    });
    // Expected in the window: three lines, two received in full, one of them on time.
    expect(figuresOf(lists, 'supplier-delivery?from=2024-03-01&to=2025-02-28')).toEqual({
      on_time_percent: '50',
      lines_on_time: '1',
      lines_delivered: '2',
      lines_expected: '3',
    });
    expect(figuresOf(lists, 'open-sales-orders?limit=10')).toEqual({
      orders: '2',
      lines: '2',
      backlog: '130.00',
      oldest_promised_date: '2025-02-25',
    });
    expect(figuresOf(lists, 'open-sales-orders?promised_by=2025-02-28&limit=1')).toEqual({
      lines: '1',
      backlog: '90.00',
    });
    expect(figuresOf(lists, 'on-time-delivery?from=2024-03-01&to=2025-02-28')).toEqual({
      on_time_percent: '50',
      lines_on_time: '1',
      lines_delivered: '2',
    });
  });

  it('draws the stock and both delivery charts with data, and replaces no module by a placeholder', async () => {
    const page = await html('/dashboards/operations?period=2025-02', undefined, ops);
    const specs = chartSpecs(page.text);
    for (const id of ['stock-by-warehouse', 'supplier-delivery', 'customer-delivery']) {
      expect(specs[id]?.data.values.length, id).toBeGreaterThan(0);
    }
    expect(specs['stock-by-warehouse']?.data.values).toEqual([
      expect.objectContaining({ warehouse: 'EAST', category: 'raw_material', items: 1, value: 100 }),
      expect.objectContaining({ warehouse: 'MAIN', category: 'raw_material', items: 1, value: 1560 }),
    ]);
    expect(page.text).not.toContain('data-state="empty"><h2>No open orders');
    expect(page.text).not.toMatch(/arrives with the (purchasing|inventory|sales) module/);
  });

  it('keeps a warehouse in the URL: the form selects it and the stock, orders and deliveries follow it', async () => {
    const page = await html('/dashboards/operations?period=2025-02&warehouse=EAST', undefined, ops);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<option value="EAST" selected>');
    const lists = figureLists(page.text);
    expect(figuresOf(lists, 'stock-by-warehouse?as_of=2025-02-28&warehouse=EAST')).toMatchObject({
      value: '100.00',
      items: '1',
    });
    expect(figuresOf(lists, 'open-purchase-orders?warehouse=EAST&limit=10')).toMatchObject({
      lines: '1',
      open_value: '60.00',
    });
    expect(figuresOf(lists, 'open-sales-orders?warehouse=EAST&limit=10')).toMatchObject({
      lines: '1',
      backlog: '90.00',
    });
    // Nothing shipped from EAST: the customers' panel shows its empty state, as its report has no rows.
    expect(page.text).toMatch(
      /data-panel="customer-delivery"[^>]*>\s*<h2>[^<]*<\/h2>\s*<section class="empty-state"/,
    );
    const onTime = await json<{ rows: unknown[] }>(
      await ops.call('GET', '/api/v1/reports/on-time-delivery?from=2024-03-01&to=2025-02-28&warehouse=EAST'),
    );
    expect(onTime.rows).toEqual([]);
  });

  it('names a warehouse the books do not know instead of showing an empty page', async () => {
    const page = await html('/dashboards/operations?period=2025-02&warehouse=NOWHERE', undefined, ops);
    expect(page.status).toBe(422);
    expect(page.text).toContain('warehouse: no warehouse &quot;NOWHERE&quot;');
  });

  it('drills down from an open order line to its order with the lines the API reads', async () => {
    const page = await html('/dashboards/operations?period=2025-02', undefined, ops);
    for (const kind of ['purchase-orders', 'sales-orders']) {
      const number = new RegExp(`href="/dashboards/${kind}/([^"]+)"`).exec(page.text)?.[1];
      expect(number, kind).toBeDefined();
      const order = await html(`/dashboards/${kind}/${number}`, undefined, ops);
      expect(order.status).toBe(200);
      expect(order.text).toContain(`<dd data-field="number">${number}</dd>`);
      const read = await json<{ lines: unknown[] }>(await ops.call('GET', `/api/v1/${kind}/${number}`));
      const lines = /data-report="order-lines">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(order.text)?.[1];
      expect(lines?.match(/<tr>/g)?.length).toBe(read.lines.length);
    }
  });
});

describe('entry and exit', () => {
  it('opens the executive dashboard at /dashboards', async () => {
    const response = await api.call('GET', '/dashboards', { token: null });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/dashboards/executive');
  });

  it('signs out from the page header back to the sign-in page', async () => {
    const response = await api.call('POST', '/logout?next=/dashboards/login', {
      token: null,
      raw: '',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboards/login');
  });
});

describe('static files', () => {
  it('serves vega from node_modules and nothing outside the list', async () => {
    const vega = await api.call('GET', '/dashboards/assets/vega.min.js', { token: null });
    expect(vega.status).toBe(200);
    expect(vega.headers.get('content-type')).toContain('javascript');
    expect((await api.call('GET', '/dashboards/assets/package.json', { token: null })).status).toBe(404);
  });
});
