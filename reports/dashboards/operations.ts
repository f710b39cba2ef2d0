// The operations dashboard: what the books hold today (fixed assets, depreciation, postings per day, the
// process log), and a plain statement of what arrives with the modules not built yet. No figure is invented.
import { addMonths, monthEnd } from '../dates.ts';
import type { ReportDb } from '../definition.ts';
import { KPI_MONTHS_DEFAULT } from '../kpis/fragments.ts';
import type { DashboardView, ViewFilters } from './executive.ts';
import { display, emptyState, esc } from './html.ts';
import { type ChartSpecs, chartPanel, reportTable, run } from './panels.ts';

/** Assets listed on the dashboard at most; the asset-register report pages through the rest. */
export const ASSETS_SHOWN_MAX = 20;

/** The modules whose figures this dashboard will show, and what each brings. */
const NOT_YET = [
  ['Purchasing', 'Open purchase orders and supplier on-time rates arrive with the purchasing module.'],
  ['Stock', 'Stock value by warehouse arrives with the inventory module.'],
  ['Sales', 'Open sales orders and on-time delivery arrive with the sales module.'],
  ['Bottlenecks', 'Where processes get stuck arrives with process monitoring.'],
] as const;

export async function operationsView(db: ReportDb, filters: ViewFilters): Promise<DashboardView> {
  const to = monthEnd(`${filters.period}-01`);
  const from = addMonths(`${filters.period}-01`, 1 - KPI_MONTHS_DEFAULT);
  const dims = { department: filters.department };
  const [register, depreciation, postings, events] = await Promise.all([
    run(db, 'asset-register', { as_of: to, limit: ASSETS_SHOWN_MAX, ...dims }),
    run(db, 'depreciation-by-month', { from, to, ...dims }),
    run(db, 'postings-per-day', { from, to, ...dims }),
    run(db, 'process-activity', { from, to }),
  ]);
  const charts: ChartSpecs = {};
  const window = `${from.slice(0, 7)} to ${filters.period}`;
  const panels = [
    chartPanel(
      {
        id: 'postings',
        title: `Journals posted per day, ${window}`,
        result: postings,
        empty: 'Nothing was posted in these months.',
      },
      charts,
    ),
    chartPanel(
      {
        id: 'process-events',
        title: `Process events, ${window}`,
        result: events,
        note: 'All departments: the process log has no department.',
        empty: 'The process log has no events in these months.',
      },
      charts,
    ),
    chartPanel(
      {
        id: 'depreciation',
        title: `Depreciation by asset category, ${window}`,
        result: depreciation,
        empty: 'The asset module has posted no depreciation in these months.',
      },
      charts,
    ),
  ];
  const assets = assetsSection(register.rows.length, register.totals ?? {}, reportTable(register));
  const later = NOT_YET.map(([title, text]) => emptyState(title, text));
  const body = `<div class="panels">${panels.join('\n')}</div>
${assets}
<section class="panel" aria-label="Coming with later modules"><h2>Coming with later modules</h2><div class="later">${later.join('\n')}</div></section>`;
  return { body, charts };
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
