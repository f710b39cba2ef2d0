// The supply-chain panels of the operations dashboard: stock value by warehouse at the period end, the open
// purchase and sales orders with what is overdue, and the on-time delivery of suppliers and to customers. Every
// figure is a report's total as the API answers it; order lines drill down to their order's page.
import type { ReportDb } from '../definition.ts';
import { emptyState, esc } from './html.ts';
import { orderPage, PURCHASE_ORDER_PAGE_PATH, reportLink, SALES_ORDER_PAGE_PATH } from './links.ts';
import {
  type ChartSpecs,
  chartPanel,
  type Figure,
  figureList,
  type LinkedResult,
  panelSection,
  reportTable,
  runLinked,
} from './panels.ts';

/** Open order lines listed on the dashboard at most, oldest first; the figures count every open line. */
export const OPEN_LINES_SHOWN_MAX = 10;

/** The months a panel covers (the window ends at the period's last day) and the warehouse chosen, if any. */
export interface SupplyWindow {
  from: string;
  to: string;
  label: string;
  warehouse?: string;
}

export interface SupplyResults {
  stock: LinkedResult;
  openPurchases: LinkedResult;
  overduePurchases: LinkedResult;
  supplierDelivery: LinkedResult;
  openSales: LinkedResult;
  overdueSales: LinkedResult;
  customerDelivery: LinkedResult;
}

/** Every report of the supply panels, run at once (each on its own read connection). */
export async function supplyResults(db: ReportDb, window: SupplyWindow): Promise<SupplyResults> {
  const { from, to, warehouse } = window;
  const [
    stock,
    openPurchases,
    overduePurchases,
    supplierDelivery,
    openSales,
    overdueSales,
    customerDelivery,
  ] = await Promise.all([
    runLinked(db, 'stock-by-warehouse', { as_of: to, warehouse }),
    runLinked(db, 'open-purchase-orders', { warehouse, limit: OPEN_LINES_SHOWN_MAX }),
    // Only the totals are read: one line is the least a report answers.
    runLinked(db, 'open-purchase-orders', { warehouse, expected_by: to, limit: 1 }),
    runLinked(db, 'supplier-delivery', { from, to, warehouse }),
    runLinked(db, 'open-sales-orders', { warehouse, limit: OPEN_LINES_SHOWN_MAX }),
    runLinked(db, 'open-sales-orders', { warehouse, promised_by: to, limit: 1 }),
    runLinked(db, 'on-time-delivery', { from, to, warehouse }),
  ]);
  return {
    stock,
    openPurchases,
    overduePurchases,
    supplierDelivery,
    openSales,
    overdueSales,
    customerDelivery,
  };
}

/** The panels in reading order: stock, buying, selling. */
export function supplyPanels(
  results: SupplyResults,
  window: SupplyWindow,
  filterPage: (warehouse: string) => string,
  charts: ChartSpecs,
): string[] {
  return [
    stockPanel(results.stock, window, filterPage, charts),
    openOrdersPanel(PURCHASES, results.openPurchases, results.overduePurchases, window),
    supplierDeliveryPanel(results.supplierDelivery, window, charts),
    openOrdersPanel(SALES, results.openSales, results.overdueSales, window),
    customerDeliveryPanel(results.customerDelivery, window, charts),
  ];
}

/** The on-time rate of suppliers for order lines expected in the window (the supplier-delivery report). */
export function supplierDeliveryPanel(
  result: LinkedResult,
  window: SupplyWindow,
  charts: ChartSpecs,
): string {
  return chartPanel(
    {
      id: 'supplier-delivery',
      title: scoped(`Supplier on-time delivery, ${window.label}`, window),
      result,
      hasData: Number(result.totals?.lines_delivered ?? 0) > 0,
      before: figureList(result, DELIVERY_FIGURES.supplier),
      note: 'Order lines expected in these months; the rate is lines received in full by their expected date ÷ lines received in full (a line still open counts once it is received).',
      empty:
        'No purchase order line expected in these months was received in full (goods receipts: POST /api/v1/goods-receipts).',
    },
    charts,
  );
}

/** The on-time rate to customers for order lines last shipped in the window (the on-time-delivery report). */
export function customerDeliveryPanel(
  result: LinkedResult,
  window: SupplyWindow,
  charts: ChartSpecs,
): string {
  return chartPanel(
    {
      id: 'customer-delivery',
      title: scoped(`On-time delivery to customers, ${window.label}`, window),
      result,
      before: figureList(result, DELIVERY_FIGURES.customer),
      note: 'Order lines whose last shipment fell in these months; the rate is lines shipped in full by their promised date ÷ lines shipped in full.',
      empty: 'No sales order line was shipped in full in these months (shipments: POST /api/v1/shipments).',
    },
    charts,
  );
}

/** A panel's title, naming the warehouse when the page is filtered to one. */
export function scoped(title: string, window: SupplyWindow): string {
  return window.warehouse ? `${title}, warehouse ${window.warehouse}` : title;
}

const STOCK_FIGURES: readonly Figure[] = [
  { key: 'value', label: 'Stock value', type: 'money' },
  { key: 'warehouses', label: 'Warehouses holding stock', type: 'integer' },
  { key: 'items', label: 'Items on hand', type: 'integer' },
];

function stockPanel(
  stock: LinkedResult,
  window: SupplyWindow,
  filterPage: (warehouse: string) => string,
  charts: ChartSpecs,
): string {
  const where = window.warehouse ? `warehouse ${window.warehouse}` : 'every warehouse';
  const items = reportLink('stock-balance', { as_of: window.to, warehouse: window.warehouse });
  const table = reportTable(stock, {
    hide: ['warehouse_name'],
    // A warehouse opens this dashboard filtered to it; once filtered, the rows need no link.
    link: (row, column) =>
      column.name === 'warehouse' && !window.warehouse ? filterPage(String(row.warehouse)) : undefined,
  });
  return chartPanel(
    {
      id: 'stock-by-warehouse',
      title: scoped(`Stock value by warehouse at ${window.to}`, window),
      result: stock,
      before: figureList(stock, STOCK_FIGURES),
      after: `${table}<p class="note">Items and batches behind these figures: <a href="${esc(items)}">the stock-balance report</a>.</p>`,
      empty: `No stock is on hand in ${where} at the end of ${window.to}: goods receipts and stock counts bring it (POST /api/v1/goods-receipts, /api/v1/stock-counts).`,
    },
    charts,
  );
}

/** What differs between the purchase and the sales order panels: words, figures, columns, the order page. */
export interface OrderSide {
  id: string;
  title: string;
  figures: readonly Figure[];
  overdueFigures: readonly Figure[];
  /** What "overdue" means, given the last day of the period. */
  overdue: (to: string) => string;
  hide: readonly string[];
  orderPath: string;
  empty: string;
}

export const PURCHASES: OrderSide = {
  id: 'open-purchase-orders',
  title: 'Open purchase orders',
  figures: [
    { key: 'orders', label: 'Open orders', type: 'integer' },
    { key: 'lines', label: 'Open lines', type: 'integer' },
    { key: 'open_value', label: 'Open value', type: 'money' },
    { key: 'oldest_expected_date', label: 'Oldest expected', type: 'date' },
  ],
  overdueFigures: [
    { key: 'lines', label: 'Overdue lines', type: 'integer' },
    { key: 'open_value', label: 'Overdue value', type: 'money' },
  ],
  overdue: (to) => `expected by ${to} and not yet received in full`,
  hide: ['quantity_ordered', 'status'],
  orderPath: PURCHASE_ORDER_PAGE_PATH,
  empty:
    'No approved or sent order waits for goods: every order is received in full, or none is raised yet (POST /api/v1/purchase-orders).',
};

export const SALES: OrderSide = {
  id: 'open-sales-orders',
  title: 'Open sales orders and backlog',
  figures: [
    { key: 'orders', label: 'Open orders', type: 'integer' },
    { key: 'lines', label: 'Open lines', type: 'integer' },
    { key: 'backlog', label: 'Backlog (net)', type: 'money' },
    { key: 'oldest_promised_date', label: 'Oldest promise', type: 'date' },
  ],
  overdueFigures: [
    { key: 'lines', label: 'Overdue lines', type: 'integer' },
    { key: 'backlog', label: 'Overdue backlog', type: 'money' },
  ],
  overdue: (to) => `promised by ${to} and not yet shipped in full`,
  hide: ['order_date', 'salesperson', 'quantity_ordered', 'quantity_shipped', 'status'],
  orderPath: SALES_ORDER_PAGE_PATH,
  empty:
    'No confirmed order waits to be shipped: every order is shipped in full, or none is confirmed yet (POST /api/v1/sales-orders).',
};

const DELIVERY_FIGURES = {
  supplier: [
    { key: 'on_time_percent', label: 'On time', type: 'percent' },
    { key: 'lines_on_time', label: 'Lines on time', type: 'integer' },
    { key: 'lines_delivered', label: 'Received in full', type: 'integer' },
    { key: 'lines_expected', label: 'Lines expected', type: 'integer' },
  ],
  customer: [
    { key: 'on_time_percent', label: 'On time', type: 'percent' },
    { key: 'lines_on_time', label: 'Lines on time', type: 'integer' },
    { key: 'lines_delivered', label: 'Shipped in full', type: 'integer' },
  ],
} as const satisfies Record<string, readonly Figure[]>;

/** Open orders now (the order book has no history of its statuses), with what is overdue at the period end. */
export function openOrdersPanel(
  side: OrderSide,
  open: LinkedResult,
  overdue: LinkedResult,
  window: SupplyWindow,
): string {
  const title = scoped(side.title, window);
  if (Number(open.totals?.lines ?? 0) === 0) {
    return panelSection(side.id, title, emptyState('No open orders', side.empty), open.source);
  }
  const table = reportTable(open, {
    hide: side.hide,
    link: (row, column) =>
      column.name === 'order_number' ? orderPage(side.orderPath, row.order_number) : undefined,
  });
  const shown = Math.min(open.rows.length, Number(open.totals?.lines));
  const content = `${figureList(open, side.figures)}
${figureList(overdue, side.overdueFigures)}
<p class="note">The order book as it stands now; overdue: ${esc(side.overdue(window.to))}. The oldest ${shown} of ${esc(open.totals?.lines)} open lines:</p>
${table}`;
  return panelSection(side.id, title, content, open.source);
}
