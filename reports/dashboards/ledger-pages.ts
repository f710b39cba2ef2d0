// The drill-down pages: the general-ledger lines of an account for a range (paged), and one journal with its
// lines, the document a general-ledger line belongs to.
import type { ReportDb, Row } from '../definition.ts';
import type { DashboardView } from './executive.ts';
import { display, esc } from './html.ts';
import { LEDGER_PAGE_PATH, pageForDrill, withQuery } from './links.ts';
import { reportTable, run } from './panels.ts';

/** Runs the general-ledger report with the page's query as its parameters (it validates them). */
export async function ledgerView(db: ReportDb, query: Record<string, string>): Promise<DashboardView> {
  const result = await run(db, 'general-ledger', query);
  const totals = result.totals ?? {};
  const summary = ['opening', 'debit', 'credit', 'closing']
    .filter((key) => key in totals)
    .map(
      (key) =>
        `<div><dt>${esc(key)}</dt><dd data-total="${key}">${esc(display('money', totals[key]))}</dd></div>`,
    );
  const table =
    result.rows.length === 0
      ? '<p class="empty-state" data-state="empty">No lines for this account in this range.</p>'
      : reportTable(result, {
          link: (row, column) =>
            column.name === 'document_number' && typeof row.drill === 'string'
              ? pageForDrill(row.drill)
              : undefined,
        });
  const body = `<section class="panel" aria-label="General ledger">
<h2>Account ${esc(query.account)} <small>${esc(query.from)} to ${esc(query.to)}${query.department ? `, department ${esc(query.department)}` : ''}</small></h2>
<dl class="totals">${summary.join('')}</dl>
${table}
${pager(query, result.page)}
</section>`;
  return { body, charts: {} };
}

function pager(
  query: Record<string, string>,
  page: { offset: number; limit: number; next_offset: number | null; total_rows: number } | undefined,
): string {
  if (!page) return '';
  const links: string[] = [];
  if (page.offset > 0) {
    const previous = Math.max(page.offset - page.limit, 0);
    links.push(
      `<a rel="prev" href="${esc(withQuery(LEDGER_PAGE_PATH, { ...query, offset: previous }))}">Previous</a>`,
    );
  }
  if (page.next_offset !== null) {
    links.push(
      `<a rel="next" href="${esc(withQuery(LEDGER_PAGE_PATH, { ...query, offset: page.next_offset }))}">Next</a>`,
    );
  }
  const shown = `Lines ${page.offset + 1}–${Math.min(page.offset + page.limit, page.total_rows)} of ${page.total_rows}`;
  return `<nav class="pager" aria-label="Pages"><span>${esc(page.total_rows === 0 ? 'No lines' : shown)}</span>${links.join('')}</nav>`;
}

const HEADER_FIELDS: ReadonlyArray<[string, string]> = [
  ['number', 'Number'],
  ['document_type', 'Type'],
  ['date', 'Posting date'],
  ['memo', 'Memo'],
  ['reference', 'Reference'],
  ['source_document_number', 'Source document'],
  ['reverses', 'Reverses'],
  ['reversed_by', 'Reversed by'],
  ['total', 'Total'],
  ['recorded_at', 'Recorded at'],
  ['user_name', 'Recorded by'],
];

const LINE_FIELDS: ReadonlyArray<[string, string, 'text' | 'money' | 'integer']> = [
  ['line_no', 'Line', 'integer'],
  ['account', 'Account', 'text'],
  ['memo', 'Memo', 'text'],
  ['department', 'Department', 'text'],
  ['cost_center', 'Cost centre', 'text'],
  ['project', 'Project', 'text'],
  ['party', 'Party', 'text'],
  ['debit', 'Debit', 'money'],
  ['credit', 'Credit', 'money'],
];

/** One journal as GET /api/v1/journals/<number> returns it: its header and its lines. */
export function documentView(journal: Row & { lines: Row[] }): DashboardView {
  const header = HEADER_FIELDS.filter(([key]) => journal[key] !== null && journal[key] !== undefined).map(
    ([key, label]) =>
      `<div><dt>${esc(label)}</dt><dd data-field="${key}">${esc(key === 'total' ? display('money', journal[key]) : journal[key])}</dd></div>`,
  );
  const head = LINE_FIELDS.map(
    ([, label, type]) => `<th scope="col" class="${type}">${esc(label)}</th>`,
  ).join('');
  const rows = journal.lines.map(
    (line) =>
      `<tr>${LINE_FIELDS.map(([key, , type]) => `<td class="${type}" data-column="${key}">${esc(display(type, line[key]))}</td>`).join('')}</tr>`,
  );
  const body = `<section class="panel document" aria-label="Journal ${esc(journal.number)}">
<dl class="document-header">${header.join('')}</dl>
<div class="table-scroll"><table class="report" data-report="journal-lines">
<thead><tr>${head}</tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table></div>
<p class="note"><a href="/api/v1/journals/${esc(encodeURIComponent(String(journal.number)))}">This journal as JSON</a></p>
</section>`;
  return { body, charts: {} };
}
