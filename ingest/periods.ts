// Open and closed periods: a posting date must fall in an open `YYYY-MM` period and inside the allowed window.
import { POSTING_DATE_MAX, POSTING_DATE_MIN, periodOf } from './dates.ts';
import type { ErrorList } from './errors.ts';
import type { LedgerState } from './state.ts';

/** Adds `period_is_closed` (or `posting_date_out_of_range`) to `errors` when `date` cannot take postings. */
export function checkPostingDate(state: LedgerState, date: string, errors: ErrorList, path = 'date'): void {
  if (date < POSTING_DATE_MIN || date > POSTING_DATE_MAX) {
    errors.add(
      path,
      'posting_date_out_of_range',
      `posting dates must lie between ${POSTING_DATE_MIN} and ${POSTING_DATE_MAX}`,
    );
    return;
  }
  const period = periodOf(date);
  const closed = state.closedPeriods.get(period);
  if (closed) {
    errors.add(
      path,
      'period_is_closed',
      `period ${period} was closed by ${closed.closedBy}; reopen it or post in an open period`,
    );
  }
}
