// The sales and supply dashboards without a browser, over six months of documents (api/dashboards-testing.ts):
// every tile and figure equals the API report it names and the value worked out by hand, every chart carries
// its rows, the warehouse filter narrows only what knows a warehouse, customers, suppliers, orders and
// inventory accounts drill down to their pages and on to journals; a ledger without documents shows empty
// states; and each new chart also draws as SVG on the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chartSpecs,
  figureLists,
  figuresOf,
  type PostedDocuments,
  pageOf,
  postModuleDocuments,
  tilesOf,
} from './dashboards-testing.ts';
import { journal, json, openTestApi, type TestApi } from './testing.ts';

type Answer = { rows: Array<Record<string, unknown>>; totals: Record<string, unknown> };

let api: TestApi;
let posted: PostedDocuments;

beforeAll(async () => {
  api = await openTestApi();
  posted = await postModuleDocuments(api);
  expect((await api.call('GET', '/api/v1/reports/posting-periods?fresh=true')).status).toBe(200);
});
afterAll(() => api.close());

const page = (path: string) => pageOf(api, path);
const answer = async (path: string): Promise<Answer> => {
  const response = await api.call('GET', path);
  expect(response.status, path).toBe(200);
  return json<Answer>(response);
};
const tileValues = (text: string) => Object.fromEntries(tilesOf(text).map((tile) => [tile.kpi, tile.value]));
/** The HTML of one panel, from its opening tag to the next panel. */
const panel = (text: string, id: string) =>
  text.split(`data-panel="${id}"`)[1]?.split('data-panel=')[0] ?? '';

/** Every tile and figure list of a page against the API report it names: the same exact text. */
async function expectFiguresEqualTheApi(text: string): Promise<number> {
  let checked = 0;
  for (const tile of tilesOf(text)) {
    const { totals } = await answer(tile.source);
    expect(tile.value, `${tile.kpi}: ${tile.source} ${tile.field}`).toBe(
      totals[tile.field] === null ? '' : String(totals[tile.field]),
    );
    checked++;
  }
  for (const { source, figures } of figureLists(text)) {
    const { totals } = await answer(source);
    for (const [key, value] of Object.entries(figures)) {
      expect(value, `${source} ${key}`).toBe(totals[key] === null ? '' : String(totals[key]));
      checked++;
    }
  }
  return checked;
}

describe('the sales dashboard', () => {
  it('shows every tile and figure exactly as the API report it names answers it', async () => {
    const { status, text } = await page('/dashboards/sales?period=2025-06');
    expect(status).toBe(200);
    expect(tilesOf(text)).toHaveLength(6);
    expect(await expectFiguresEqualTheApi(text)).toBeGreaterThan(30);
  });

  it('shows the month as worked out by hand', async () => {
    const { text } = await page('/dashboards/sales?period=2025-06');
    // June: 20 kg to BIGCO at 20.00 and 8 to SMALLCO at 25.00 (cost 10.00 a kg), both before their promise;
    // 5 l oil wait in EAST; receivables 1,430.30 at the end, 714.00 billed in June (30 days).
    expect(tileValues(text)).toEqual({
      revenue: '600.00',
      gross_margin_pct: '53.33',
      backlog: '150.00',
      on_time_delivery: '100',
      dso: '60.1',
      overdue_receivables: '716.30',
    });
    const lists = figureLists(text);
    expect(figuresOf(lists, 'sales-analysis?from=2024-07-01&to=2025-06-30&by=month')).toEqual({
      net_revenue: '1810.00',
      cost: '860.00',
      margin: '950.00',
      margin_percent: '52.49',
    });
    // Past due at 06-30: March's rest 157.00 (77 days), April 261.80 (46), May 297.50 (16).
    expect(figuresOf(lists, 'ar-aging?as_of=2025-06-30&top=10')).toEqual({
      open_amount: '1430.30',
      not_due: '714.00',
      overdue: '716.30',
      over_bucket_3: '0.00',
      unallocated: '0.00',
    });
    // Shipped in the window: seven lines, May's late.
    expect(figuresOf(lists, 'on-time-delivery?from=2024-07-01&to=2025-06-30')).toMatchObject({
      on_time_percent: '85.71',
      lines_delivered: '7',
    });
  });

  it('draws revenue by month, the largest customers and the aging buckets from their rows', async () => {
    const specs = chartSpecs((await page('/dashboards/sales?period=2025-06')).text);
    const months = specs['sales-by-month']?.data.values.map((row) => [row.key, row.net_revenue]);
    expect(months).toEqual([
      ['2025-01', 200],
      ['2025-02', 240],
      ['2025-03', 300],
      ['2025-04', 220],
      ['2025-05', 250],
      ['2025-06', 600],
    ]);
    expect(specs['sales-by-customer']?.data.values.map((row) => [row.key, row.net_revenue])).toEqual([
      ['BIGCO', 1360],
      ['SMALLCO', 450],
    ]);
    expect(specs['receivables-aging']?.data.values).toEqual([
      expect.objectContaining({ customer: 'BIGCO', not_due: 476, bucket_2: 261.8, bucket_3: 157 }),
      expect.objectContaining({ customer: 'SMALLCO', not_due: 238, bucket_1: 297.5 }),
    ]);
    for (const id of ['sales-by-category', 'customer-delivery']) {
      expect(specs[id]?.data.values.length, id).toBeGreaterThan(0);
    }
  });

  it('draws the forecast after the last invoiced month inside its bands and states its backtest error', async () => {
    const { text } = await page('/dashboards/sales?period=2025-06');
    const forecast = specs(text, 'sales-forecast');
    expect(forecast.map((row) => [row.period, row.is_forecast])).toEqual([
      ['2025-01', false],
      ['2025-02', false],
      ['2025-03', false],
      ['2025-04', false],
      ['2025-05', false],
      ['2025-06', false],
      ['2025-07', true],
      ['2025-08', true],
      ['2025-09', true],
    ]);
    for (const row of forecast.filter((value) => value.is_forecast)) {
      expect(Number(row.net_revenue_low_95)).toBeLessThanOrEqual(Number(row.net_revenue_low_80));
      expect(Number(row.net_revenue_high_80)).toBeLessThan(Number(row.net_revenue_high_95));
    }
    const backtest = await answer('/api/v1/reports/sales-forecast-backtest');
    // Six months, three of warm-up: April, May and June are forecast one step ahead.
    expect(backtest.totals.months).toBe(3);
    expect(figuresOf(figureLists(text), 'sales-forecast-backtest')).toMatchObject({
      months: '3',
      mape: String(backtest.totals.mape),
    });
    expect(panel(text, 'sales-forecast')).toContain(
      `mean absolute percentage error ${backtest.totals.mape} %`,
    );
  });

  it('drills down from a customer to its ledger, and from an entry to the journal it posted', async () => {
    const { text } = await page('/dashboards/sales?period=2025-06');
    const link = '/dashboards/customer-ledger?customer=BIGCO&amp;from=2024-07-01&amp;to=2025-06-30';
    expect(panel(text, 'sales-by-customer')).toContain(`href="${link}"`);
    expect(panel(text, 'receivables-aging')).toContain(`href="${link}"`);
    const ledger = await page(link.replaceAll('&amp;', '&'));
    expect(ledger.status).toBe(200);
    const report = await answer(
      '/api/v1/reports/customer-ledger?customer=BIGCO&from=2024-07-01&to=2025-06-30',
    );
    // Five invoices and three receipts, each with the journal it posted.
    expect(report.rows).toHaveLength(8);
    const journals = [...ledger.text.matchAll(/href="\/dashboards\/documents\/([^"]+)"/g)].map(
      ([, number]) => number,
    );
    expect(journals).toEqual(report.rows.map((row) => row.journal));
    const first = await answer(`/api/v1/journals/${journals[0]}`);
    expect((first as unknown as { source_document_number: string }).source_document_number).toBe(
      posted.customerInvoices[0],
    );
    const document = await page(`/dashboards/documents/${journals[0]}`);
    expect(document.status).toBe(200);
    expect(document.text).toContain(`<dd data-field="number">${journals[0]}</dd>`);
  });

  it('drills down from an open order line to its order', async () => {
    const { text } = await page('/dashboards/sales?period=2025-06');
    expect(panel(text, 'open-sales-orders')).toContain(
      `href="/dashboards/sales-orders/${posted.openSalesOrder}"`,
    );
    expect((await page(`/dashboards/sales-orders/${posted.openSalesOrder}`)).status).toBe(200);
  });

  it('narrows the backlog and deliveries to a warehouse, never the invoices, and says so', async () => {
    const { status, text } = await page('/dashboards/sales?period=2025-06&warehouse=MAIN');
    expect(status).toBe(200);
    expect(text).toContain('<option value="MAIN" selected>');
    expect(tileValues(text)).toMatchObject({ revenue: '600.00', backlog: '0.00', on_time_delivery: '100' });
    expect(panel(text, 'open-sales-orders')).toContain('<h2>No open orders</h2>');
    expect(text).toContain('Warehouse MAIN: the backlog, the open orders and the on-time delivery');
    expect(await expectFiguresEqualTheApi(text)).toBeGreaterThan(30);
  });

  it('says a department narrows nothing, as no sales document carries one', async () => {
    const { text } = await page('/dashboards/sales?period=2025-06&department=ADM');
    expect(text).toContain('Department ADM: sales documents carry no department');
    expect(tileValues(text).revenue).toBe('600.00');
    expect(text).not.toContain('name="department"');
  });
});

describe('the supply dashboard', () => {
  it('shows every tile and figure exactly as the API report it names answers it', async () => {
    const { status, text } = await page('/dashboards/supply?period=2025-06');
    expect(status).toBe(200);
    expect(tilesOf(text)).toHaveLength(6);
    expect(await expectFiguresEqualTheApi(text)).toBeGreaterThan(30);
  });

  it('shows stock, turns, purchases, deliveries and payables as worked out by hand', async () => {
    const { text } = await page('/dashboards/supply?period=2025-06');
    // Stock at 06-30: 164 kg steel (1,640.00) and 40 resin (400.00) in MAIN, 20 l oil (100.00) in EAST. Issued:
    // 86 kg steel at 10.00 over an average stock of (0 + 2,140.00) / 2. Ordered 500 + 400 + 60; one of the two
    // lines delivered was on time. Payables: 295.00 of February's invoice (105 days) and May's 476.00 (11 days).
    // The ledger holds the 50.00 journal keyed by hand beside the stock.
    expect(tileValues(text)).toEqual({
      stock_value: '2140.00',
      inventory_turns: '0.8',
      ordered_value: '960.00',
      supplier_on_time: '50',
      overdue_payables: '771.00',
      stock_ledger_difference: '50.00',
    });
    const lists = figureLists(text);
    expect(figuresOf(lists, 'ap-aging?as_of=2025-06-30&top=10')).toEqual({
      open_amount: '771.00',
      not_due: '0.00',
      overdue: '771.00',
      over_bucket_3: '295.00',
    });
    expect(figuresOf(lists, 'purchase-analysis?from=2024-07-01&to=2025-06-30')).toEqual({
      ordered_value: '960.00',
      billed_amount: '900.00',
      price_variance: '0.00',
      orders: '3',
      suppliers: '1',
    });
    expect(figuresOf(lists, 'slow-moving-stock?as_of=2025-06-30&limit=10')).toEqual({
      rows: '2',
      value: '500.00',
    });
    expect(figuresOf(lists, 'expiring-stock?as_of=2025-06-30&limit=10')).toEqual({
      batches: '1',
      value: '400.00',
      expired: '0',
      expired_value: '0.00',
    });
  });

  it('shows the stock value beside the inventory accounts and the difference, each account opening its lines', async () => {
    const { text } = await page('/dashboards/supply?period=2025-06');
    expect(figuresOf(figureLists(text), 'stock-valuation-reconciliation?as_of=2025-06-30')).toEqual({
      stock_value: '2140.00',
      ledger_balance: '2190.00',
      difference_to_ledger: '50.00',
      accounts_differing: '1',
    });
    const reconciliation = panel(text, 'stock-reconciliation');
    expect(reconciliation).toContain('data-agrees="false"');
    expect(reconciliation).toContain('One inventory account differs from the stock value');
    // Shipments are stock documents too: what they posted leaves no difference to the stock postings.
    const report = await answer('/api/v1/reports/stock-valuation-reconciliation?as_of=2025-06-30');
    expect(report.rows).toEqual([
      expect.objectContaining({
        account: '1310',
        difference_to_ledger: '50.00',
        difference_to_stock_postings: '0.00',
      }),
    ]);
    const link = /href="(\/dashboards\/general-ledger\?account=1310[^"]*)"/.exec(reconciliation)?.[1];
    expect(link).toBe('/dashboards/general-ledger?account=1310&amp;from=2024-07-01&amp;to=2025-06-30');
    const ledger = await page(String(link).replaceAll('&amp;', '&'));
    expect(ledger.status).toBe(200);
    expect(ledger.text).toContain('<dd data-total="closing">2,190.00</dd>');
  });

  it('draws the stock month by month, equal at the end to stock by warehouse, and turns per item', async () => {
    const { text } = await page('/dashboards/supply?period=2025-06');
    const specs = chartSpecs(text);
    const main = specs['stock-value-by-month']?.data.values.filter((row) => row.warehouse === 'MAIN');
    expect(main?.map((row) => row.value)).toEqual([0, 0, 0, 0, 0, 0, 2400, 2680, 2530, 2420, 2320, 2040]);
    const east = specs['stock-value-by-month']?.data.values.filter((row) => row.warehouse === 'EAST');
    expect(east?.slice(6).map((row) => row.value)).toEqual([100, 100, 100, 100, 100, 100]);
    const byWarehouse = await answer('/api/v1/reports/stock-by-warehouse?as_of=2025-06-30');
    expect(byWarehouse.totals.value).toBe('2140.00');
    expect(specs['inventory-turns']?.data.values.map((row) => [row.item, row.turns])).toEqual([
      ['RM-OIL', 0],
      ['RM-RESIN', 0],
      ['RM-STEEL', 1.05],
    ]);
    for (const id of ['purchases-by-month', 'supplier-delivery', 'payables-aging']) {
      expect(specs[id]?.data.values.length, id).toBeGreaterThan(0);
    }
  });

  it('drills down from a supplier to its ledger and journals, and from an open line to its order', async () => {
    const { text } = await page('/dashboards/supply?period=2025-06');
    expect(panel(text, 'open-purchase-orders')).toContain(
      `href="/dashboards/purchase-orders/${posted.openPurchaseOrder}"`,
    );
    const link = '/dashboards/supplier-ledger?supplier=ACME&amp;from=2024-07-01&amp;to=2025-06-30';
    expect(panel(text, 'payables-aging')).toContain(`href="${link}"`);
    const ledger = await page(link.replaceAll('&amp;', '&'));
    expect(ledger.status).toBe(200);
    const report = await answer(
      '/api/v1/reports/supplier-ledger?supplier=ACME&from=2024-07-01&to=2025-06-30',
    );
    expect(report.rows.map((row) => row.kind)).toEqual(['invoice', 'payment', 'invoice']);
    const journals = [...ledger.text.matchAll(/href="\/dashboards\/documents\/([^"]+)"/g)].map(
      ([, number]) => number,
    );
    expect(journals).toEqual(report.rows.map((row) => row.journal));
    expect((await page(`/dashboards/documents/${journals[1]}`)).status).toBe(200);
  });

  it('narrows stock, purchases and orders to a warehouse, never the payables or the ledger', async () => {
    const { text } = await page('/dashboards/supply?period=2025-06&warehouse=EAST');
    expect(tileValues(text)).toMatchObject({
      stock_value: '100.00',
      ordered_value: '60.00',
      overdue_payables: '771.00',
      stock_ledger_difference: '50.00',
    });
    expect(text).toContain('Warehouse EAST: stock, turns, purchases');
    expect(await expectFiguresEqualTheApi(text)).toBeGreaterThan(30);
  });

  it('names a bad supplier-ledger query on the page, as the report does', async () => {
    const bad = await page('/dashboards/supplier-ledger?supplier=ACME&from=2025-13-01&to=2025-06-30');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('data-state="error"');
    expect(bad.text).toContain('from');
  });
});

describe('server-side charts of the new reports', () => {
  it.each([
    'sales-analysis?from=2025-01-01&to=2025-06-30&by=customer&top=10',
    'ar-aging?as_of=2025-06-30',
    'ap-aging?as_of=2025-06-30',
    'sales-forecast?history=12',
    'purchase-analysis?from=2025-01-01&to=2025-06-30',
    'inventory-turns?from=2025-01-01&to=2025-06-30',
    'stock-value-by-month?from=2025-01-01&to=2025-06-30',
  ])('draws %s as SVG with marks', async (report) => {
    const response = await api.call('GET', `/api/v1/reports/${report}&format=svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/svg+xml');
    expect((await response.text()).match(/role-mark/g)?.length ?? 0).toBeGreaterThan(0);
  });
});

describe('before any sales, purchasing or stock document', () => {
  let bare: TestApi;
  beforeAll(async () => {
    bare = await openTestApi();
    expect(
      (await bare.call('POST', '/api/v1/journals', { body: journal({ date: '2025-06-15' }) })).status,
    ).toBe(201);
    expect((await bare.call('GET', '/api/v1/reports/posting-periods?fresh=true')).status).toBe(200);
  });
  afterAll(() => bare?.close());

  it.each([
    ['sales', 7],
    ['supply', 9],
  ])('shows the %s dashboard with an empty state in every panel and no chart', async (name, panels) => {
    const { status, text } = await pageOf(bare, `/dashboards/${name}`);
    expect(status).toBe(200);
    expect(text.match(/data-panel="/g)).toHaveLength(panels);
    expect(text.match(/data-state="empty"/g)).toHaveLength(panels);
    expect(text).not.toContain('id="chart-specs"');
    expect(text).toContain(`href="/dashboards/${name}" aria-current="page"`);
  });
});

function specs(text: string, id: string): Array<Record<string, unknown>> {
  return chartSpecs(text)[id]?.data.values ?? [];
}
