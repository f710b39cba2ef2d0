// The sales dashboard (order to cash): KPI tiles for the month (revenue, gross margin, backlog, on-time delivery,
// DSO, overdue receivables), revenue and margin by month, the largest customers and categories, the receivables
// aging, the sales forecast with its prediction intervals and its backtest error, the open orders and the
// on-time rate to customers. Every figure is a report's total as the API answers it; customers open their
// ledger, order lines their order.
import type { ReportDb } from '../definition.ts';
import { FORECAST_MONTHS_DEFAULT } from '../definitions/sales-forecast.ts';
import { KPI_MONTHS_DEFAULT } from '../kpis/fragments.ts';
import type { DashboardView } from './executive.ts';
import { esc } from './html.ts';
import { CUSTOMER_LEDGER_PAGE_PATH, withQuery } from './links.ts';
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
  reportTable,
  runLinked,
} from './panels.ts';
import { forecastPanel } from './sales-forecast-panel.ts';
import { customerDeliveryPanel, OPEN_LINES_SHOWN_MAX, openOrdersPanel, SALES } from './supply-panels.ts';
import { type ReportTile, reportTileHtml } from './tiles.ts';

/** Customers and categories a ranking shows at most, largest net revenue first; totals cover all. */
export const TOP_GROUPS_SHOWN_MAX = 10;
/** Customers the aging table lists at most, those owing most first; the figures and chart cover all. */
export const AGING_PARTNERS_SHOWN_MAX = 10;

async function salesResults(db: ReportDb, dates: PageDates) {
  const { monthStart, from, to, warehouse } = dates;
  const month = { from: monthStart, to };
  const window = { from, to };
  const [sales, trend, openOrders, overdueOrders, onTime, onTimeWindow, dso, aging, customers, categories] =
    await Promise.all([
      runLinked(db, 'sales-analysis', month),
      runLinked(db, 'sales-analysis', { ...window, by: 'month' }),
      runLinked(db, 'open-sales-orders', { warehouse, limit: OPEN_LINES_SHOWN_MAX }),
      // Only the totals are read: one line is the least a report answers.
      runLinked(db, 'open-sales-orders', { warehouse, promised_by: to, limit: 1 }),
      runLinked(db, 'on-time-delivery', { ...month, warehouse }),
      runLinked(db, 'on-time-delivery', { ...window, warehouse }),
      runLinked(db, 'dso', month),
      runLinked(db, 'ar-aging', { as_of: to, top: AGING_PARTNERS_SHOWN_MAX }),
      runLinked(db, 'sales-analysis', { ...window, by: 'customer', top: TOP_GROUPS_SHOWN_MAX }),
      runLinked(db, 'sales-analysis', { ...window, by: 'category', top: TOP_GROUPS_SHOWN_MAX }),
    ]);
  return { sales, trend, openOrders, overdueOrders, onTime, onTimeWindow, dso, aging, customers, categories };
}

export async function salesView(db: ReportDb, filters: ModuleFilters): Promise<DashboardView> {
  const dates = pageDates(filters);
  const [results, forecast] = await Promise.all([
    salesResults(db, dates),
    Promise.all([
      runLinked(db, 'sales-forecast', { months: FORECAST_MONTHS_DEFAULT, history: KPI_MONTHS_DEFAULT }),
      runLinked(db, 'sales-forecast-backtest', {}),
    ]),
  ]);
  const charts: ChartSpecs = {};
  const ledgerOf = (customer: unknown) =>
    withQuery(CUSTOMER_LEDGER_PAGE_PATH, { customer: String(customer), from: dates.from, to: dates.to });
  const tiles = salesTiles(results, dates).map(reportTileHtml);
  const panels = [
    chartPanel(
      {
        id: 'sales-by-month',
        title: `Net revenue and gross margin by month, ${dates.label}`,
        result: results.trend,
        before: figureList(results.trend, SALES_FIGURES),
        note: 'Invoices less credit notes, net of tax; the margin is net revenue less the cost the shipments posted.',
        empty: 'No invoice or credit note is dated in these months (POST /api/v1/customer-invoices).',
      },
      charts,
    ),
    forecastPanel(forecast[0], forecast[1], charts),
    rankingPanel('sales-by-customer', ['customer', 'customers'], results.customers, dates, charts, (row) =>
      ledgerOf(row.key),
    ),
    rankingPanel(
      'sales-by-category',
      ['item category', 'item categories'],
      results.categories,
      dates,
      charts,
    ),
    agingPanel(results.aging, dates, charts, ledgerOf),
    openOrdersPanel(SALES, results.openOrders, results.overdueOrders, dates),
    customerDeliveryPanel(results.onTimeWindow, dates, charts),
  ];
  const body = `${scopeNote(filters)}
<section class="tiles" aria-label="Key figures for ${esc(filters.period)}">${tiles.join('\n')}</section>
<div class="panels">${panels.join('\n')}</div>`;
  return { body, charts };
}

type SalesResults = Awaited<ReturnType<typeof salesResults>>;

function salesTiles(results: SalesResults, dates: PageDates): ReportTile[] {
  const byMonth = (field: string) =>
    dates.months.map((month) => results.trend.rows.find((row) => row.key === month)?.[field] ?? null);
  const month = dates.monthStart.slice(0, 7);
  return [
    {
      key: 'revenue',
      label: 'Revenue',
      type: 'money',
      field: 'net_revenue',
      result: results.sales,
      series: byMonth('net_revenue'),
      definition: `net invoiced less credited in ${month}`,
    },
    {
      key: 'gross_margin_pct',
      label: 'Gross margin',
      type: 'percent',
      field: 'margin_percent',
      result: results.sales,
      series: byMonth('margin_percent'),
      definition: `(net revenue − cost posted) ÷ net revenue in ${month}`,
    },
    {
      key: 'backlog',
      label: 'Backlog',
      type: 'money',
      field: 'backlog',
      result: results.openOrders,
      definition: `net amount still to ship on confirmed orders, now${dates.warehouse ? `, ${dates.warehouse}` : ''}`,
    },
    {
      key: 'on_time_delivery',
      label: 'On-time delivery',
      type: 'percent',
      field: 'on_time_percent',
      result: results.onTime,
      definition: `lines shipped in full by the promise ÷ lines shipped in full in ${month}`,
    },
    {
      key: 'dso',
      label: 'DSO',
      type: 'number',
      field: 'dso_days',
      result: results.dso,
      definition: `receivables at ${dates.to} ÷ gross billed in ${month} × its days`,
    },
    {
      key: 'overdue_receivables',
      label: 'Overdue receivables',
      type: 'money',
      field: 'overdue',
      result: results.aging,
      definition: `open invoices past their due date at ${dates.to}`,
    },
  ];
}

const SALES_FIGURES: readonly Figure[] = [
  { key: 'net_revenue', label: 'Net revenue', type: 'money' },
  { key: 'cost', label: 'Cost of goods sold', type: 'money' },
  { key: 'margin', label: 'Gross margin', type: 'money' },
  { key: 'margin_percent', label: 'Margin', type: 'percent' },
];

/** The largest groups by net revenue over the window, with what all groups add up to. */
function rankingPanel(
  id: string,
  [one, many]: [string, string],
  result: LinkedResult,
  dates: PageDates,
  charts: ChartSpecs,
  link?: (row: Record<string, unknown>) => string,
): string {
  const groups = Number(result.totals?.groups ?? 0);
  const table = reportTable(result, {
    hide: ['quantity', 'invoiced', 'credited'],
    link: (row, column) => (column.name === 'key' && link ? link(row) : undefined),
  });
  return chartPanel(
    {
      id,
      title: `Largest ${many} by net revenue, ${dates.label}`,
      result,
      before: figureList(result, [...SALES_FIGURES, { key: 'groups', label: many, type: 'integer' }]),
      note: `The ${Math.min(result.rows.length, groups)} largest of ${groups} ${groups === 1 ? one : many} by net revenue; the figures cover all of them.`,
      after: table,
      empty: `No ${one} was invoiced in these months.`,
    },
    charts,
  );
}

function agingPanel(
  aging: LinkedResult,
  dates: PageDates,
  charts: ChartSpecs,
  ledgerOf: (customer: unknown) => string,
): string {
  const table = reportTable(aging, {
    hide: ['customer_name'],
    link: (row, column) => (column.name === 'customer' ? ledgerOf(row.customer) : undefined),
  });
  return chartPanel(
    {
      id: 'receivables-aging',
      title: `Receivables aging at ${dates.to}`,
      result: aging,
      before: figureList(
        aging,
        agingFigures(aging, [{ key: 'unallocated', label: 'Unallocated cash', type: 'money' }]),
      ),
      note: `Days past due: ${bucketWords(aging)}. The ${counted(aging.rows.length, 'customer', 'customers')} owing most; a customer opens its ledger.`,
      after: table,
      empty: `No customer owes anything at ${dates.to}: no invoice is open (POST /api/v1/customer-invoices).`,
    },
    charts,
  );
}

/** Which panels a filter narrows: only orders and shipments know their warehouse; no sales document a department. */
function scopeNote(filters: ModuleFilters): string {
  return scopeNotes(filters, {
    warehouse:
      'the backlog, the open orders and the on-time delivery of this warehouse; invoices, receivables and the forecast cover every warehouse.',
    department: 'sales documents carry no department, so every figure here covers all departments.',
  });
}
