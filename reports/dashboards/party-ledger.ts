// The ledger of one customer or supplier as a page: the sales and supply dashboards' drill-down from a
// customer or supplier, each entry's journal opening the document page (the general ledger's own lines).
import type { ReportDb } from '../definition.ts';
import type { DashboardView } from './executive.ts';
import { emptyState } from './html.ts';
import { DOCUMENTS_PAGE_PATH } from './links.ts';
import { type Figure, figureList, panelSection, reportTable, runLinked } from './panels.ts';

export interface PartyLedgerLayout {
  reportId: 'customer-ledger' | 'supplier-ledger';
  /** The query parameter naming the partner, and the word for it. */
  party: 'customer' | 'supplier';
  noun: string;
  figures: readonly Figure[];
}

export const CUSTOMER_LEDGER_LAYOUT: PartyLedgerLayout = {
  reportId: 'customer-ledger',
  party: 'customer',
  noun: 'Customer',
  figures: [
    { key: 'opening_balance', label: 'Owed at the start', type: 'money' },
    { key: 'closing_balance', label: 'Owed at the end', type: 'money' },
  ],
};

export const SUPPLIER_LEDGER_LAYOUT: PartyLedgerLayout = {
  reportId: 'supplier-ledger',
  party: 'supplier',
  noun: 'Supplier',
  figures: [{ key: 'opening_balance', label: 'Owed at the start', type: 'money' }],
};

/** Runs the ledger report with the page's query as its parameters (it validates them). */
export async function partyLedgerView(
  db: ReportDb,
  layout: PartyLedgerLayout,
  query: Record<string, string>,
): Promise<DashboardView> {
  const result = await runLinked(db, layout.reportId, query);
  const who = String(result.params[layout.party]);
  const title = `${layout.noun} ${who}, ${result.params.from} to ${result.params.to}`;
  const table =
    result.rows.length === 0
      ? emptyState('No entries', `${layout.noun} ${who} has no invoice or payment in this range.`)
      : reportTable(result, {
          link: (row, column) =>
            column.name === 'journal' && row.journal
              ? `${DOCUMENTS_PAGE_PATH}/${encodeURIComponent(String(row.journal))}`
              : undefined,
        });
  const content = `${figureList(result, layout.figures)}
${table}
<p class="note">Each journal opens the document it posted to the general ledger.</p>`;
  return { body: panelSection(layout.reportId, title, content, result.source), charts: {} };
}
