// The statement JSON links to the API (general ledger, journal); in the browser the same links open the
// dashboards' own pages, with the query unchanged. A panel links to the API report its figures come from.
import { GENERAL_LEDGER_PATH, JOURNAL_PATH } from '../statements/drill.ts';
import { DASHBOARDS_PATH } from './html.ts';

export const LEDGER_PAGE_PATH = `${DASHBOARDS_PATH}/general-ledger`;
export const DOCUMENTS_PAGE_PATH = `${DASHBOARDS_PATH}/documents`;
export const PURCHASE_ORDER_PAGE_PATH = `${DASHBOARDS_PATH}/purchase-orders`;
export const SALES_ORDER_PAGE_PATH = `${DASHBOARDS_PATH}/sales-orders`;
export const CUSTOMER_LEDGER_PAGE_PATH = `${DASHBOARDS_PATH}/customer-ledger`;
export const SUPPLIER_LEDGER_PAGE_PATH = `${DASHBOARDS_PATH}/supplier-ledger`;
/** Where the API answers a report of the catalogue: `GET /api/v1/reports/<id>`. */
export const REPORTS_API_PATH = '/api/v1/reports';

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

/** The API address of report `id` run with `params`: what a panel shows, as JSON (or CSV with format=csv). */
export function reportLink(id: string, params: Record<string, string | number | undefined | null>): string {
  return withQuery(`${REPORTS_API_PATH}/${encodeURIComponent(id)}`, params);
}

/** The dashboard page of one order, by its number. */
export function orderPage(path: string, number: unknown): string {
  return `${path}/${encodeURIComponent(String(number))}`;
}
