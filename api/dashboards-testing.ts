// Test support for the dashboards: reading a page's figure lists, tiles and chart specs back out of its HTML, and
// six months of documents of a small company whose every figure on the sales and supply dashboards can be
// worked out by hand (the test states each). Steel sells at 20.00 or 25.00 a kg and costs 10.00 (one FIFO
// layer); tax is 19 %; customers and the supplier pay in 30 days.
import { countStock, seedCustomers } from './o2c-testing.ts';
import { ITEMS, seedMasterData } from './p2p-testing.ts';
import { json, type TestApi } from './testing.ts';

export const STEEL = ITEMS.fifo.sku;
export const OIL = ITEMS.average.sku;
export const RESIN = ITEMS.batched.sku;

/** The numbers of the documents the dashboards link to. */
export interface PostedDocuments {
  salesOrders: string[];
  openSalesOrder: string;
  openPurchaseOrder: string;
  customerInvoices: string[];
}

type Body = Record<string, unknown>;

async function post(api: TestApi, path: string, body: Body): Promise<Body> {
  const response = await api.call('POST', path, { body });
  const answer = await json<Body>(response);
  if (response.status >= 300) throw new Error(`${path}: ${JSON.stringify(answer)}`);
  return answer;
}

/** A confirmed order of one steel line, shipped on `shipped` (unless null) and invoiced the next day. */
async function sell(
  api: TestApi,
  dates: { ordered: string; promised: string; shipped: string | null },
  customer: string,
  line: { item?: string; quantity: string; unit_price: string },
  warehouse = 'MAIN',
): Promise<{ order: string; invoice?: string }> {
  const order = String(
    (
      await post(api, '/api/v1/sales-orders', {
        date: dates.ordered,
        customer,
        warehouse,
        lines: [{ item: STEEL, ...line, promised_date: dates.promised }],
      })
    ).number,
  );
  await post(api, `/api/v1/sales-orders/${order}/confirm`, { date: dates.ordered });
  if (dates.shipped === null) return { order };
  await post(api, '/api/v1/shipments', {
    date: dates.shipped,
    order,
    lines: [{ order_line: 1, quantity: line.quantity }],
  });
  const day = Number(dates.shipped.slice(8, 10)) + 1;
  const invoiced = `${dates.shipped.slice(0, 8)}${String(day).padStart(2, '0')}`;
  const invoice = String((await post(api, '/api/v1/customer-invoices', { date: invoiced, order })).number);
  return { order, invoice };
}

/** An approved and sent purchase order of one line from ACME. */
async function buy(api: TestApi, date: string, warehouse: string, line: Body): Promise<string> {
  const order = String(
    (await post(api, '/api/v1/purchase-orders', { date, supplier: 'ACME', warehouse, lines: [line] })).number,
  );
  for (const action of ['approve', 'send'])
    await post(api, `/api/v1/purchase-orders/${order}/${action}`, { date });
  return order;
}

/**
 * Stock: 200 kg steel at 10.00 in MAIN and 20 l oil at 5.00 in EAST (counted 01-02); bought: 50 steel (PO1,
 * late), 40 resin in batch B1 expiring 2025-07-15 (PO2, on time), 10 oil for EAST still open (PO3, expected
 * 06-20). Sold: steel to BIGCO in January to April and June, to SMALLCO in May (late) and June; an order of 5
 * oil from EAST promised 06-25 waits. BIGCO paid January and February in full and 200.00 of March. A journal
 * keyed by hand puts 50.00 on the inventory account on 06-30 that no stock document posted.
 */
export async function postModuleDocuments(api: TestApi): Promise<PostedDocuments> {
  await seedMasterData(api);
  await seedCustomers(api);
  await countStock(api, '2025-01-02', 'MAIN', [{ item: STEEL, counted: '200', unit_cost: '10' }]);
  await countStock(api, '2025-01-02', 'EAST', [{ item: OIL, counted: '20', unit_cost: '5' }]);
  const po1 = await buy(api, '2025-01-10', 'MAIN', {
    item: STEEL,
    quantity: '50',
    unit_price: '10',
    expected_date: '2025-01-15',
  });
  await post(api, '/api/v1/goods-receipts', {
    date: '2025-01-20',
    order: po1,
    lines: [{ order_line: 1, received: '50' }],
  });
  const po2 = await buy(api, '2025-02-03', 'MAIN', {
    item: RESIN,
    quantity: '40',
    unit_price: '10',
    expected_date: '2025-02-13',
  });
  await post(api, '/api/v1/goods-receipts', {
    date: '2025-02-10',
    order: po2,
    lines: [{ order_line: 1, received: '40', batch: 'B1', expiry: '2025-07-15' }],
  });
  const po3 = await buy(api, '2025-06-05', 'EAST', {
    item: OIL,
    quantity: '10',
    unit_price: '6',
    expected_date: '2025-06-20',
  });
  const bill = async (date: string, order: string, quantity: string, tax: string, reference: string) =>
    String(
      (
        await post(api, '/api/v1/supplier-invoices', {
          date,
          supplier: 'ACME',
          supplier_reference: reference,
          tax_amount: tax,
          lines: [{ order, order_line: 1, quantity, unit_price: '10' }],
        })
      ).number,
    );
  const bill1 = await bill('2025-02-15', po1, '50', '95.00', 'ACME-1');
  await bill('2025-05-20', po2, '40', '76.00', 'ACME-2');
  await post(api, '/api/v1/supplier-payments', {
    date: '2025-03-10',
    supplier: 'ACME',
    allocations: [{ invoice: bill1, amount: '300.00' }],
  });
  const sales = [
    await sell(api, { ordered: '2025-01-10', promised: '2025-01-20', shipped: '2025-01-15' }, 'BIGCO', {
      quantity: '10',
      unit_price: '20',
    }),
    await sell(api, { ordered: '2025-02-10', promised: '2025-02-20', shipped: '2025-02-14' }, 'BIGCO', {
      quantity: '12',
      unit_price: '20',
    }),
    await sell(api, { ordered: '2025-03-10', promised: '2025-03-20', shipped: '2025-03-14' }, 'BIGCO', {
      quantity: '15',
      unit_price: '20',
    }),
    await sell(api, { ordered: '2025-04-10', promised: '2025-04-20', shipped: '2025-04-14' }, 'BIGCO', {
      quantity: '11',
      unit_price: '20',
    }),
    await sell(api, { ordered: '2025-05-02', promised: '2025-05-10', shipped: '2025-05-14' }, 'SMALLCO', {
      quantity: '10',
      unit_price: '25',
    }),
    await sell(api, { ordered: '2025-06-02', promised: '2025-06-12', shipped: '2025-06-10' }, 'BIGCO', {
      quantity: '20',
      unit_price: '20',
    }),
    await sell(api, { ordered: '2025-06-05', promised: '2025-06-20', shipped: '2025-06-14' }, 'SMALLCO', {
      quantity: '8',
      unit_price: '25',
    }),
  ];
  const open = await sell(
    api,
    { ordered: '2025-06-10', promised: '2025-06-25', shipped: null },
    'BIGCO',
    { item: OIL, quantity: '5', unit_price: '30' },
    'EAST',
  );
  const invoices = sales.map((sale) => String(sale.invoice));
  const receipts: Array<[string, string, string]> = [
    ['2025-02-10', invoices[0] ?? '', '238.00'],
    ['2025-03-12', invoices[1] ?? '', '285.60'],
    ['2025-04-20', invoices[2] ?? '', '200.00'],
  ];
  for (const [date, invoice, amount] of receipts) {
    await post(api, '/api/v1/customer-receipts', {
      date,
      customer: 'BIGCO',
      amount,
      allocations: [{ invoice, amount }],
    });
  }
  // Stock found and booked by hand, not by a stock count: the ledger holds 50.00 more than the stock.
  await post(api, '/api/v1/journals', {
    date: '2025-06-30',
    memo: 'steel found, booked by hand',
    lines: [
      { account: '1310', debit: '50.00' },
      { account: '6310', credit: '50.00', department: 'ADM' },
    ],
  });
  return {
    salesOrders: sales.map((sale) => sale.order),
    openSalesOrder: open.order,
    openPurchaseOrder: po3,
    customerInvoices: invoices,
  };
}

/** A dashboard page as the app answers it. */
export async function pageOf(
  api: TestApi,
  path: string,
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await api.call('GET', path);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** Every figure list of a page: the API report it names and the exact values it shows, by totals key. */
export function figureLists(text: string): Array<{ source: string; figures: Record<string, string> }> {
  return [...text.matchAll(/<dl class="totals figures" data-source="([^"]+)">(.*?)<\/dl>/g)].map(
    ([, source = '', inner = '']) => ({
      source: attributeText(source),
      figures: Object.fromEntries(
        [...inner.matchAll(/data-figure="([^"]+)" data-value="([^"]*)"/g)].map(([, key, value]) => [
          key,
          value,
        ]),
      ),
    }),
  );
}

export function figuresOf(
  lists: ReturnType<typeof figureLists>,
  report: string,
): Record<string, string> | undefined {
  return lists.find(({ source }) => source === `/api/v1/reports/${report}`)?.figures;
}

/** Every report tile of a page: its name, the API report and totals key it shows, and the exact value. */
export function tilesOf(text: string): Array<{ kpi: string; source: string; field: string; value: string }> {
  const tiles = text.matchAll(
    /<article class="tile" data-kpi="([^"]+)" data-source="([^"]+)" data-figure="([^"]+)" data-value="([^"]*)">/g,
  );
  return [...tiles].map(([, kpi = '', source = '', field = '', value = '']) => ({
    kpi,
    source: attributeText(source),
    field,
    value,
  }));
}

export function chartSpecs(
  text: string,
): Record<string, { data: { values: Array<Record<string, unknown>> } }> {
  const script = /<script type="application\/json" id="chart-specs">(.*?)<\/script>/.exec(text)?.[1];
  return JSON.parse(script ?? '{}');
}

/** The attribute text of an HTML page, unescaped where the pages escape it (only `&amp;` appears in URLs). */
function attributeText(text: string): string {
  return text.replaceAll('&amp;', '&');
}
