// The statement JSON of the design (GET /api/v1/statements/<id>): the report result under the field names
// the design fixes, e.g. `lines` for outlined statements and `opening_cash`/`closing_cash` beside the totals.
import type { ReportResult } from './definition.ts';

export const STATEMENT_IDS = [
  'trial-balance',
  'general-ledger',
  'balance-sheet',
  'income-statement',
  'cash-flow',
] as const;

const OUTLINED = new Set(['balance-sheet', 'income-statement', 'cash-flow']);

export function statementJson(result: ReportResult): Record<string, unknown> {
  const { report, params, columns, rows, totals, page } = result;
  const body: Record<string, unknown> = { statement: report.id, title: report.title, params, columns };
  body[OUTLINED.has(report.id) ? 'lines' : 'rows'] = rows;
  if (totals) body.totals = totals;
  if (page) body.page = page;
  if (report.id === 'cash-flow' && totals) {
    body.opening_cash = totals.opening_cash;
    body.closing_cash = totals.closing_cash;
  }
  return body;
}
