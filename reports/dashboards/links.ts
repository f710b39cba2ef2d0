// The statement JSON links to the API (general ledger, journal); in the browser the same links open the
// dashboards' own pages, with the query unchanged.
import { GENERAL_LEDGER_PATH, JOURNAL_PATH } from '../statements/drill.ts';
import { DASHBOARDS_PATH } from './html.ts';

export const LEDGER_PAGE_PATH = `${DASHBOARDS_PATH}/general-ledger`;
export const DOCUMENTS_PAGE_PATH = `${DASHBOARDS_PATH}/documents`;

/** The dashboard page for an API drill-down link; other links pass through unchanged. */
export function pageForDrill(apiLink: string): string {
  if (apiLink.startsWith(`${GENERAL_LEDGER_PATH}?`)) {
    return `${LEDGER_PAGE_PATH}${apiLink.slice(GENERAL_LEDGER_PATH.length)}`;
  }
  if (apiLink.startsWith(`${JOURNAL_PATH}/`)) {
    return `${DOCUMENTS_PAGE_PATH}/${apiLink.slice(JOURNAL_PATH.length + 1)}`;
  }
  return apiLink;
}

/** A page URL with query parameters, leaving out empty ones. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
