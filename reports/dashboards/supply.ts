// The supply dashboard (purchasing and inventory): KPI tiles (stock value, inventory turns, what was ordered,
// supplier on-time delivery, overdue payables, stock against the ledger), stock value by warehouse month by
// month, inventory turns per item, purchases by supplier and month, supplier on-time delivery, the open purchase
// orders, the payables aging, the stock-valuation reconciliation (a controller's check: both numbers and the
// difference), and the slow-moving and expiring stock. Every figure is a report's total as the API answers it;
// order lines open their order, suppliers their ledger, inventory accounts their general-ledger lines.
import type { ReportDb } from '../definition.ts';
import type { DashboardView } from './executive.ts';
import { emptyState, esc } from './html.ts';
import { LEDGER_PAGE_PATH, SUPPLIER_LEDGER_PAGE_PATH, withQuery } from './links.ts';
import {
  agingFigures,
  bucketWords,
  counted,
  type ModuleFilters,
  type PageDates,
  pageDates,
  scopeNotes,
} from './module-pages.ts';
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
import {
  OPEN_LINES_SHOWN_MAX,
  openOrdersPanel,
  PURCHASES,
  scoped,
  supplierDeliveryPanel,
} from './supply-panels.ts';
import { type ReportTile, reportTileHtml } from './tiles.ts';

/** Suppliers the payables aging lists at most, those owed most first; the figures and chart cover all. */
export const AP_PARTNERS_SHOWN_MAX = 10;
/** Slow-moving items and expiring batches listed at most (largest value, soonest expiry first). */
export const STOCK_ROWS_SHOWN_MAX = 10;

async function supplyResults(db: ReportDb, dates: PageDates) {
  const { from, to, warehouse } = dates;
  const window = { from, to, warehouse };
  const [stock, turns, spend, delivery, openOrders, overdueOrders, aging, reconciliation, slow, expiring] =
    await Promise.all([
      runLinked(db, 'stock-value-by-month', window),
      runLinked(db, 'inventory-turns', window),
      runLinked(db, 'purchase-analysis', window),
      runLinked(db, 'supplier-delivery', window),
      runLinked(db, 'open-purchase-orders', { warehouse, limit: OPEN_LINES_SHOWN_MAX }),
      // Only the totals are read: one line is the least a report answers.
      runLinked(db, 'open-purchase-orders', { warehouse, expected_by: to, limit: 1 }),
      runLinked(db, 'ap-aging', { as_of: to, top: AP_PARTNERS_SHOWN_MAX }),
      runLinked(db, 'stock-valuation-reconciliation', { as_of: to }),
      runLinked(db, 'slow-moving-stock', { as_of: to, warehouse, limit: STOCK_ROWS_SHOWN_MAX }),
      runLinked(db, 'expiring-stock', { as_of: to, warehouse, limit: STOCK_ROWS_SHOWN_MAX }),
    ]);
  return { stock, turns, spend, delivery, openOrders, overdueOrders, aging, reconciliation, slow, expiring };
}

type SupplyResults = Awaited<ReturnType<typeof supplyResults>>;

export async function supplyView(db: ReportDb, filters: ModuleFilters): Promise<DashboardView> {
  const dates = pageDates(filters);
  const results = await supplyResults(db, dates);
  const charts: ChartSpecs = {};
  const tiles = supplyTiles(results, dates).map(reportTileHtml);
  const panels = [
    chartPanel(
      {
        id: 'stock-value-by-month',
        title: scoped(`Stock value by warehouse at each month end, ${dates.label}`, dates),
        result: results.stock,
        before: figureList(results.stock, [
          { key: 'value', label: `Stock value at ${dates.to}`, type: 'money' },
          { key: 'warehouses', label: 'Warehouses', type: 'integer' },
        ]),
        empty:
          'No stock has moved yet: goods receipts and stock counts bring it (POST /api/v1/goods-receipts).',
      },
      charts,
    ),
    chartPanel(
      {
        id: 'inventory-turns',
        title: scoped(`Inventory turns per item, ${dates.label}`, dates),
        result: results.turns,
        hasData: results.turns.rows.some((row) => row.turns !== null),
        before: figureList(results.turns, TURNS_FIGURES),
        note: 'Turns: the cost of what was issued in these months ÷ the average of the stock value at their start and at their end.',
        empty: 'No item held stock in these months.',
      },
      charts,
    ),
    chartPanel(
      {
        id: 'purchases-by-month',
        title: scoped(`Purchases by supplier and month, ${dates.label}`, dates),
        result: results.spend,
        before: figureList(results.spend, SPEND_FIGURES),
        note: 'Purchase order lines by order date (cancelled ones left out): the value ordered, and what suppliers billed for them so far.',
        empty: 'No purchase order is dated in these months (POST /api/v1/purchase-orders).',
      },
      charts,
    ),
    supplierDeliveryPanel(results.delivery, dates, charts),
    openOrdersPanel(PURCHASES, results.openOrders, results.overdueOrders, dates),
    payablesPanel(results.aging, dates, charts),
    reconciliationPanel(results.reconciliation, dates),
    slowMovingPanel(results.slow, dates),
    expiringPanel(results.expiring, dates),
  ];
  const body = `${scopeNotes(filters, {
    warehouse:
      'stock, turns, purchases, deliveries, open orders, slow-moving and expiring stock of this warehouse; payables and the reconciliation with the ledger cover every warehouse (the ledger has none).',
    department:
      'purchasing and stock documents carry no department, so every figure here covers all departments.',
  })}
<section class="tiles" aria-label="Key figures for ${esc(filters.period)}">${tiles.join('\n')}</section>
<div class="panels">${panels.join('\n')}</div>`;
  return { body, charts };
}

function supplyTiles(results: SupplyResults, dates: PageDates): ReportTile[] {
  const at = dates.warehouse ? `${dates.to}, ${dates.warehouse}` : dates.to;
  return [
    {
      key: 'stock_value',
      label: 'Stock value',
      type: 'money',
      field: 'value',
      result: results.stock,
      definition: `stock on hand at ${at}`,
    },
    {
      key: 'inventory_turns',
      label: 'Inventory turns',
      type: 'number',
      field: 'turns',
      result: results.turns,
      definition: `cost issued ÷ average stock value, ${dates.label}`,
    },
    {
      key: 'ordered_value',
      label: 'Ordered',
      type: 'money',
      field: 'ordered_value',
      result: results.spend,
      definition: `purchase orders dated ${dates.label}`,
    },
    {
      key: 'supplier_on_time',
      label: 'Supplier on time',
      type: 'percent',
      field: 'on_time_percent',
      result: results.delivery,
      definition: `lines received in full by the expected date, ${dates.label}`,
    },
    {
      key: 'overdue_payables',
      label: 'Overdue payables',
      type: 'money',
      field: 'overdue',
      result: results.aging,
      definition: `supplier invoices open past their due date at ${dates.to}`,
    },
    {
      key: 'stock_ledger_difference',
      label: 'Stock vs ledger',
      type: 'money',
      field: 'difference_to_ledger',
      result: results.reconciliation,
      definition: `inventory accounts' balance − stock value at ${dates.to}; 0.00 when they agree`,
    },
  ];
}

const TURNS_FIGURES: readonly Figure[] = [
  { key: 'issued_cost', label: 'Issued at cost', type: 'money' },
  { key: 'opening_value', label: 'Opening value', type: 'money' },
  { key: 'closing_value', label: 'Closing value', type: 'money' },
  { key: 'turns', label: 'Turns', type: 'number' },
];

const SPEND_FIGURES: readonly Figure[] = [
  { key: 'ordered_value', label: 'Ordered', type: 'money' },
  { key: 'billed_amount', label: 'Billed', type: 'money' },
  { key: 'price_variance', label: 'Price variance', type: 'money' },
  { key: 'orders', label: 'Orders', type: 'integer' },
  { key: 'suppliers', label: 'Suppliers', type: 'integer' },
];

function payablesPanel(aging: LinkedResult, dates: PageDates, charts: ChartSpecs): string {
  const ledgerOf = (supplier: unknown) =>
    withQuery(SUPPLIER_LEDGER_PAGE_PATH, { supplier: String(supplier), from: dates.from, to: dates.to });
  const table = reportTable(aging, {
    hide: ['supplier_name'],
    link: (row, column) => (column.name === 'supplier' ? ledgerOf(row.supplier) : undefined),
  });
  return chartPanel(
    {
      id: 'payables-aging',
      title: `Payables aging at ${dates.to}`,
      result: aging,
      before: figureList(aging, agingFigures(aging)),
      note: `Days past due: ${bucketWords(aging)}. The ${counted(aging.rows.length, 'supplier', 'suppliers')} owed most; a supplier opens its ledger.`,
      after: table,
      empty: `Nothing is owed to suppliers at ${dates.to}: every invoice is paid, or none is booked (POST /api/v1/supplier-invoices).`,
    },
    charts,
  );
}

const RECONCILIATION_FIGURES: readonly Figure[] = [
  { key: 'stock_value', label: 'Stock value', type: 'money' },
  { key: 'ledger_balance', label: 'Inventory accounts', type: 'money' },
  { key: 'difference_to_ledger', label: 'Difference', type: 'money' },
  { key: 'accounts_differing', label: 'Accounts differing', type: 'integer' },
];

/** Stock value beside the inventory accounts' balance, per account, every account opening its ledger lines. */
function reconciliationPanel(result: LinkedResult, dates: PageDates): string {
  const title = `Stock valuation against the ledger at ${dates.to}`;
  if (result.rows.length === 0) {
    const text = `No stock has moved by ${dates.to}, so no inventory account holds stock to reconcile.`;
    return panelSection(
      'stock-reconciliation',
      title,
      emptyState('Nothing to reconcile', text),
      result.source,
    );
  }
  const differing = Number(result.totals?.accounts_differing ?? 0);
  const agree = differing === 0;
  const verdict = agree
    ? 'The stock value equals the balance of every inventory account.'
    : `${differing === 1 ? 'One inventory account differs' : `${differing} inventory accounts differ`} from the stock value: the general-ledger lines show why.`;
  const table = reportTable(result, {
    link: (row, column) =>
      column.name === 'account'
        ? withQuery(LEDGER_PAGE_PATH, { account: String(row.account), from: dates.from, to: dates.to })
        : undefined,
  });
  const content = `${figureList(result, RECONCILIATION_FIGURES)}
<p class="note verdict" data-agrees="${agree}">${esc(verdict)} Every warehouse: the ledger has no warehouse. An account opens its general-ledger lines for ${esc(dates.label)}.</p>
${table}`;
  return panelSection('stock-reconciliation', title, content, result.source);
}

function slowMovingPanel(result: LinkedResult, dates: PageDates): string {
  const title = scoped(`Slow-moving stock at ${dates.to}`, dates);
  const days = result.params.days;
  if (result.rows.length === 0) {
    const text = `Every item on hand left a warehouse within the ${days} days before ${dates.to}.`;
    return panelSection('slow-moving-stock', title, emptyState('No slow-moving stock', text), result.source);
  }
  const content = `${figureList(result, [
    { key: 'rows', label: 'Items and warehouses', type: 'integer' },
    { key: 'value', label: 'Value', type: 'money' },
  ])}
<p class="note">On hand and not issued within ${esc(days)} days; the ${result.rows.length} largest by value of ${esc(result.totals?.rows)}.</p>
${reportTable(result)}`;
  return panelSection('slow-moving-stock', title, content, result.source);
}

function expiringPanel(result: LinkedResult, dates: PageDates): string {
  const title = scoped(`Expiring stock at ${dates.to}`, dates);
  const days = result.params.days;
  if (result.rows.length === 0) {
    const text = `No batch on hand expires within ${days} days after ${dates.to}, and none has expired.`;
    return panelSection('expiring-stock', title, emptyState('No batch expiring', text), result.source);
  }
  const content = `${figureList(result, [
    { key: 'batches', label: 'Batches', type: 'integer' },
    { key: 'value', label: 'Value', type: 'money' },
    { key: 'expired', label: 'Expired', type: 'integer' },
    { key: 'expired_value', label: 'Expired value', type: 'money' },
  ])}
<p class="note">Batches on hand expiring within ${esc(days)} days or expired; the ${result.rows.length} soonest of ${esc(result.totals?.batches)}.</p>
${reportTable(result)}`;
  return panelSection('expiring-stock', title, content, result.source);
}
