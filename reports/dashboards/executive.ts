// The executive dashboard: KPI tiles with sparkline and change, the revenue and margin trend, the cash trend
// with its stated forecast, and profit by month. Headcount joins the tiles when the HR module lands.
import { addMonths, monthEnd } from '../dates.ts';
import type { ReportDb } from '../definition.ts';
import { CASH_FORECAST_METHOD, FORECAST_MONTHS_DEFAULT } from '../kpis/cash-forecast.ts';
import { EXECUTIVE_KPIS } from '../kpis/executive-kpis.ts';
import { KPI_MONTHS_DEFAULT } from '../kpis/fragments.ts';
import { type ChartSpecs, chartPanel, run } from './panels.ts';
import { tileHtml, tilesFrom } from './tiles.ts';

export interface ViewFilters {
  period: string;
  department?: string;
}

export interface DashboardView {
  body: string;
  charts: ChartSpecs;
}

export async function executiveView(db: ReportDb, filters: ViewFilters): Promise<DashboardView> {
  const window = { period: filters.period, months: KPI_MONTHS_DEFAULT, department: filters.department };
  const firstMonth = addMonths(`${filters.period}-01`, 1 - KPI_MONTHS_DEFAULT);
  const [kpis, cash, result] = await Promise.all([
    run(db, 'executive-kpis', window),
    run(db, 'cash-forecast', { ...window, horizon: FORECAST_MONTHS_DEFAULT }),
    run(db, 'monthly-result', {
      from: firstMonth,
      to: monthEnd(`${filters.period}-01`),
      department: filters.department,
    }),
  ]);
  const charts: ChartSpecs = {};
  const tiles = tilesFrom(EXECUTIVE_KPIS, kpis.rows, kpis.totals).map(tileHtml);
  const panels = [
    chartPanel(
      {
        id: 'revenue-margin',
        title: 'Revenue and gross margin',
        result: kpis,
        empty: 'No revenue is posted in these months.',
      },
      charts,
    ),
    chartPanel(
      {
        id: 'cash-forecast',
        title: 'Cash and forecast',
        result: cash,
        note: `Forecast: ${CASH_FORECAST_METHOD} (${KPI_MONTHS_DEFAULT} months to ${filters.period}, ${FORECAST_MONTHS_DEFAULT} months ahead). The dashed line is the trend.`,
        empty: 'No cash balances in these months.',
      },
      charts,
    ),
    chartPanel(
      { id: 'profit', title: 'Profit by month', result, empty: 'No income or expenses in these months.' },
      charts,
    ),
  ];
  const body = `<section class="tiles" aria-label="Key figures for ${filters.period}">${tiles.join('\n')}</section>
<div class="panels">${panels.join('\n')}</div>`;
  return { body, charts };
}
