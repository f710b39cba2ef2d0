// Building blocks of a dashboard page: a chart panel (its spec goes into the page's chart data), a report
// table with drill-down links, and a list of a report's totals that names the API report they come from.
import { getReport } from '../catalogue.ts';
import { chartWithData } from '../charts/index.ts';
import type { ColumnDef, ColumnType, ReportDb, ReportResult, Row } from '../definition.ts';
import { runReport } from '../run.ts';
import { display, emptyState, esc } from './html.ts';
import { reportLink } from './links.ts';

/** Height of a dashboard chart, in pixels; its width follows the panel. */
export const CHART_HEIGHT_PX = 240;

/** Complete chart specs of one page, by the id of the element each is drawn into. */
export type ChartSpecs = Record<string, unknown>;

/** A report's result with the API address that answers the same: `GET /api/v1/reports/<id>?<params>`. */
export interface LinkedResult extends ReportResult {
  source: string;
}

export interface ChartPanel {
  /** The element's id in the page, also the key of its spec. */
  id: string;
  title: string;
  result: ReportResult;
  /** Shown under the chart: how its figures are made (e.g. the forecast method). */
  note?: string;
  /** What the empty state says when there is nothing to draw. */
  empty: string;
  /** Whether the chart has anything to draw; by default, whether the report has rows. */
  hasData?: boolean;
  /** HTML above the chart (figures) and below it (a table). */
  before?: string;
  after?: string;
}

/** Runs a report for a page; a thin name so pages read as a list of the reports they show. */
export function run(db: ReportDb, id: string, params: Record<string, unknown>): Promise<ReportResult> {
  return runReport(db, id, params);
}

/** Runs a report and keeps the API address of the same answer, for the panel's data link and for tests. */
export async function runLinked(
  db: ReportDb,
  id: string,
  params: Record<string, string | number | undefined>,
): Promise<LinkedResult> {
  return { ...(await runReport(db, id, params)), source: reportLink(id, params) };
}

/** A panel with the report's chart, or its empty state when there is nothing to draw. */
export function chartPanel(panel: ChartPanel, specs: ChartSpecs): string {
  const chart = getReport(panel.result.report.id).chart;
  const note = panel.note ? `<p class="note">${esc(panel.note)}</p>` : '';
  const source = (panel.result as Partial<LinkedResult>).source;
  if (!chart || !(panel.hasData ?? panel.result.rows.length > 0)) {
    return panelSection(panel.id, panel.title, emptyState('No data for this view', panel.empty), source);
  }
  specs[panel.id] = chartWithData(chart, panel.result, { width: 'container', height: CHART_HEIGHT_PX });
  const figure = `<figure class="chart" data-chart="${esc(panel.id)}" aria-label="${esc(panel.title)}"><div class="chart-canvas"></div></figure>`;
  return panelSection(
    panel.id,
    panel.title,
    `${panel.before ?? ''}\n${figure}\n${note}${panel.after ?? ''}`,
    source,
  );
}

/** A panel: its title, its content and, when it shows one report, links to that report's data. */
export function panelSection(id: string, title: string, content: string, source?: string): string {
  const data = source
    ? `<p class="note data-links">Data: <a href="${esc(source)}">JSON</a> · <a href="${esc(`${source}${source.includes('?') ? '&' : '?'}format=csv`)}">CSV</a></p>`
    : '';
  const sourced = source ? ` data-source="${esc(source)}"` : '';
  return `<section class="panel" data-panel="${esc(id)}"${sourced}>
<h2>${esc(title)}</h2>
${content}
${data}
</section>`;
}

export interface Figure {
  /** A key of the report's totals. */
  key: string;
  label: string;
  type: ColumnType;
}

/**
 * A report's totals as a short list. Each value keeps the exact text the API answers (`data-value`) beside its
 * display, and the list names its report's API address, so a reader (or a test) can check every figure.
 */
export function figureList(result: LinkedResult, figures: readonly Figure[]): string {
  const items = figures.map(({ key, label, type }) => {
    const value = result.totals?.[key];
    const exact = value === null || value === undefined ? '' : String(value);
    return `<div><dt>${esc(label)}</dt><dd data-figure="${esc(key)}" data-value="${esc(exact)}">${esc(display(type, value))}</dd></div>`;
  });
  return `<dl class="totals figures" data-source="${esc(result.source)}">${items.join('')}</dl>`;
}

export interface TableOptions {
  /** A link for a cell, or undefined for plain text. */
  link?: (row: Row, column: ColumnDef) => string | undefined;
  /** Columns to leave out. */
  hide?: readonly string[];
}

/** The rows of a report as a table; money and ratios right-aligned, outline levels indented. */
export function reportTable(result: ReportResult, options: TableOptions = {}): string {
  const columns = result.columns.filter((column) => !options.hide?.includes(column.name));
  const head = columns.map((column) => `<th scope="col" class="${column.type}">${esc(column.label)}</th>`);
  const body = result.rows.map((row) => {
    const cells = columns.map((column) => cell(row, column, options.link?.(row, column)));
    const level = typeof row.level === 'number' ? ` level-${row.level}` : '';
    const kind = typeof row.kind === 'string' ? ` kind-${esc(row.kind)}` : '';
    return `<tr class="row${level}${kind}">${cells.join('')}</tr>`;
  });
  return `<div class="table-scroll"><table class="report" data-report="${esc(result.report.id)}">
<thead><tr>${head.join('')}</tr></thead>
<tbody>${body.join('\n')}</tbody>
</table></div>`;
}

function cell(row: Row, column: ColumnDef, href: string | undefined): string {
  const value = valueAt(row, column.name);
  const text = esc(display(column.type, value));
  const content = href ? `<a href="${esc(href)}">${text}</a>` : text;
  return `<td class="${column.type}" data-column="${esc(column.name)}">${content}</td>`;
}

/** A row's value for a column name; a dot reaches one level down (`periods.2025-01`). */
function valueAt(row: Row, name: string): unknown {
  if (name in row) return row[name];
  const [outer, inner] = name.split('.', 2) as [string, string];
  const nested = row[outer];
  return nested && typeof nested === 'object' ? (nested as Row)[inner] : undefined;
}
