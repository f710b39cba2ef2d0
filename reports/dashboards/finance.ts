// The finance dashboard: one statement at a time (tabs) for a month or the year to date, every account line
// drilling down to its general-ledger lines, and from there to each line's journal.
import { monthEnd } from '../dates.ts';
import type { ReportDb, ReportResult, Row } from '../definition.ts';
import type { DashboardView, ViewFilters } from './executive.ts';
import { DASHBOARDS_PATH, esc, groupDigits } from './html.ts';
import { pageForDrill, withQuery } from './links.ts';
import { reportTable, run } from './panels.ts';

export const STATEMENT_TABS = [
  { id: 'income-statement', title: 'Income statement' },
  { id: 'balance-sheet', title: 'Balance sheet' },
  { id: 'cash-flow', title: 'Cash flow' },
  { id: 'trial-balance', title: 'Trial balance' },
] as const;
export type StatementId = (typeof STATEMENT_TABS)[number]['id'];

export interface FinanceFilters extends ViewFilters {
  statement: StatementId;
  span: 'month' | 'year-to-date';
  /** The first month of the fiscal year, 1-12, for the year-to-date span. */
  fiscalYearStartMonth: number;
}

/** Columns a reader does not need on screen: the outline key is for machines. */
const HIDDEN_COLUMNS = ['key', 'closing_debit', 'closing_credit'];
const LINKED_COLUMNS = new Set(['label', 'account', 'name']);

export async function financeView(db: ReportDb, filters: FinanceFilters): Promise<DashboardView> {
  const range = rangeOf(filters);
  const dims = { department: filters.department };
  const params: Record<StatementId, Record<string, unknown>> = {
    'income-statement': { ...range, compare: 'previous-period', ...dims },
    'balance-sheet': { as_of: range.to, ...dims },
    'cash-flow': { ...range, ...dims },
    'trial-balance': { as_of: range.to, ...dims },
  };
  const result = await run(db, filters.statement, params[filters.statement]);
  const table = reportTable(result, {
    hide: HIDDEN_COLUMNS,
    link: (row, column) =>
      LINKED_COLUMNS.has(column.name) && typeof row.drill === 'string' ? pageForDrill(row.drill) : undefined,
  });
  const scope = 'as_of' in params[filters.statement] ? `as of ${range.to}` : `${range.from} to ${range.to}`;
  const body = `${tabs(filters)}
<section class="panel statement" aria-label="${esc(result.report.title)}">
<h2>${esc(result.report.title)} <small>${esc(scope)}</small></h2>
${totalsList(result)}
${table}
<p class="note">Select an account line to see its general-ledger lines.</p>
</section>`;
  return { body, charts: {} };
}

function rangeOf(filters: FinanceFilters): { from: string; to: string } {
  const first = `${filters.period}-01`;
  const to = monthEnd(first);
  if (filters.span === 'month') return { from: first, to };
  const [year, month] = filters.period.split('-').map(Number) as [number, number];
  const startYear = month >= filters.fiscalYearStartMonth ? year : year - 1;
  const from = `${startYear}-${String(filters.fiscalYearStartMonth).padStart(2, '0')}-01`;
  return { from, to };
}

function tabs(filters: FinanceFilters): string {
  const links = STATEMENT_TABS.map((tab) => {
    const href = withQuery(`${DASHBOARDS_PATH}/finance`, {
      statement: tab.id,
      period: filters.period,
      department: filters.department,
      span: filters.span,
    });
    const current = tab.id === filters.statement ? ' aria-current="page"' : '';
    return `<a href="${esc(href)}"${current}>${esc(tab.title)}</a>`;
  });
  return `<nav class="tabs" aria-label="Statements">${links.join('')}</nav>`;
}

/** The statement's totals as a short list; a nested group (the comparison) is read one level down. */
function totalsList(result: ReportResult): string {
  const entries = Object.entries(result.totals ?? {}).flatMap(([key, value]) =>
    value && typeof value === 'object'
      ? Object.entries(value as Row).map(([inner, nested]) => [`${key} ${inner}`, nested] as const)
      : [[key, value] as const],
  );
  const items = entries.map(
    ([key, value]) =>
      `<div><dt>${esc(key.replaceAll('_', ' '))}</dt><dd data-total="${esc(key)}">${esc(groupDigits(String(value ?? '–')))}</dd></div>`,
  );
  return `<dl class="totals">${items.join('')}</dl>`;
}
