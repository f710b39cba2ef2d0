// Parameter building blocks shared by the statements: dates, ranges, dimension filters, paging.
import type { z } from 'zod';
import { Code, IsoDate } from '../ingest/index.ts';

/** Lines of a general-ledger page at most (a page, never "everything"). */
export const GL_PAGE_ROWS_MAX = 500;
export const GL_PAGE_ROWS_DEFAULT = 100;
/** Period columns of an income statement at most (five years of months). */
export const PERIOD_COLUMNS_MAX = 60;

/** Department, cost centre and project filters: every statement accepts them. */
export const dimensionFilters = {
  department: Code.optional(),
  cost_center: Code.optional(),
  project: Code.optional(),
};

export const dateRange = {
  from: IsoDate,
  to: IsoDate,
};

/** Adds a rule-coded issue at `path`, so the API's problem+json names the field and the rule. */
export function fieldIssue(ctx: z.RefinementCtx, path: string, code: string, message: string): void {
  ctx.addIssue({ code: 'custom', path: [path], message, params: { code } });
}

/** ISO dates compare as strings, so `from` after `to` is a plain string comparison. */
export function checkRangeOrder(range: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (range.from && range.to && range.from > range.to) {
    fieldIssue(ctx, 'from', 'from_after_to', `from (${range.from}) is after to (${range.to})`);
  }
}

/** Keys the API may pass along with the parameters that are about transport, not the report: the output
 * format and `fresh` (refresh the marts first). */
export const TRANSPORT_KEYS = ['format', 'fresh'] as const;
