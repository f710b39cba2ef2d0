// The operations dashboard: stock value by warehouse, open purchase and sales orders with what is overdue, the
// on-time delivery of suppliers and to customers, and what the books hold (postings per day, the process log,
// fixed assets and depreciation). Bottlenecks arrive with process monitoring: no figure is invented.
import { addMonths, monthEnd } from '../dates.ts';
import type { ReportDb } from '../definition.ts';
import { KPI_MONTHS_DEFAULT } from '../kpis/fragments.ts';
import type { DashboardView, ViewFilters } from './executive.ts';
import { DASHBOARDS_PATH, display, emptyState, esc } from './html.ts';
import { withQuery } from './links.ts';
import { type ChartSpecs, chartPanel, reportTable, run } from './panels.ts';
import { type SupplyWindow, supplyPanels, supplyResults } from './supply-panels.ts';

/** Assets listed on the dashboard at most; the asset-register report pages through the rest. */
export const ASSETS_SHOWN_MAX = 20;

export const OPERATIONS_PATH = `${DASHBOARDS_PATH}/operations`;

export interface OperationsFilters extends ViewFilters {
  warehouse?: string;
}

/** What this dashboard will show once process monitoring lands. */
const NOT_YET = [['Bottlenecks', 'Where processes get stuck arrives with process monitoring.']] as const;

export async function operationsView(db: ReportDb, filters: OperationsFilters): Promise<DashboardView> {
  const to = monthEnd(`${filters.period}-01`);
  const from = addMonths(`${filters.period}-01`, 1 - KPI_MONTHS_DEFAULT);
  const window: SupplyWindow = {
    from,
    to,
    label: `${from.slice(0, 7)} to ${filters.period}`,
    warehouse: filters.warehouse,
  };
  const dims = { department: filters.department };
  const [supply, register, depreciation, postings, events] = await Promise.all([
    supplyResults(db, window),
    run(db, 'asset-register', { as_of: to, limit: ASSETS_SHOWN_MAX, ...dims }),
    run(db, 'depreciation-by-month', { from, to, ...dims }),
    run(db, 'postings-per-day', { from, to, ...dims }),
    run(db, 'process-activity', { from, to }),
  ]);
  const charts: ChartSpecs = {};
  // A warehouse row opens this page filtered to it, keeping the period and department.
  const filterPage = (warehouse: string) =>
    withQuery(OPERATIONS_PATH, { period: filters.period, department: filters.department, warehouse });
  const books = [
    chartPanel(
      {
        id: 'postings',
        title: `Journals posted per day, ${window.label}`,
        result: postings,
        empty: 'Nothing was posted in these months.',
      },
      charts,
    ),
    chartPanel(
      {
        id: 'process-events',
        title: `Process events, ${window.label}`,
        result: events,
        note: 'All departments: the process log has no department.',
        empty: 'The process log has no events in these months.',
      },
      charts,
    ),
    chartPanel(
      {
        id: 'depreciation',
        title: `Depreciation by asset category, ${window.label}`,
        result: depreciation,
        empty: 'The asset module has posted no depreciation in these months.',
      },
      charts,
    ),
  ];
  const assets = assetsSection(register.rows.length, register.totals ?? {}, reportTable(register));
  const later = NOT_YET.map(([title, text]) => emptyState(title, text));
  const body = `${scopeNote(filters)}
<div class="panels">${supplyPanels(supply, window, filterPage, charts).join('\n')}</div>
<div class="panels">${books.join('\n')}</div>
${assets}
<section class="panel" aria-label="Coming with later modules"><h2>Coming with later modules</h2><div class="later">${later.join('\n')}</div></section>`;
  return { body, charts };
}

/** Which panels a filter narrows: stock and orders know their warehouse, the books know departments. */
function scopeNote(filters: OperationsFilters): string {
  const notes: string[] = [];
  if (filters.warehouse) {
    notes.push(
      `Warehouse ${filters.warehouse}: stock, orders and deliveries of this warehouse; the postings, the process log and the fixed assets cover every warehouse.`,
    );
  }
  if (filters.department) {
    notes.push(
      `Department ${filters.department}: the postings, depreciation and fixed assets of this department; stock, orders and deliveries carry no department and cover them all.`,
    );
  }
  return notes.map((note) => `<p class="note scope">${esc(note)}</p>`).join('\n');
}

function assetsSection(shown: number, totals: Record<string, unknown>, table: string): string {
  if (Number(totals.assets ?? 0) === 0) {
    return `<section class="panel"><h2>Fixed assets</h2>${emptyState(
      'No fixed assets registered',
      'Assets registered with POST /api/v1/assets appear here with their cost, depreciation and net book value.',
    )}</section>`;
  }
  const figures = [
    ['Assets on the books', 'integer', totals.assets_on_books],
    ['Cost', 'money', totals.cost],
    ['Accumulated depreciation', 'money', totals.accumulated_depreciation],
    ['Net book value', 'money', totals.net_book_value],
  ] as const;
  const list = figures.map(
    ([label, type, value]) => `<div><dt>${esc(label)}</dt><dd>${esc(display(type, value))}</dd></div>`,
  );
  const more =
    Number(totals.assets) > shown
      ? `<p class="note">The first ${shown} of ${esc(totals.assets)} assets.</p>`
      : '';
  return `<section class="panel"><h2>Fixed assets</h2><dl class="totals">${list.join('')}</dl>${table}${more}</section>`;
}
