// The monthly depreciation job: early in a month it posts the previous month's depreciation through the
// writer, as user `scheduler` with the Idempotency-Key `depreciation-run:YYYY-MM`, so a rerun (a retry, a
// manual run, a second tick) answers with the first run's result and never posts twice.
import { depreciationRunCommand, LedgerError } from '../ingest/index.ts';
import type { JobContext, JobOutcome } from './jobs.ts';

export const DEPRECIATION_JOB_USER = 'scheduler';

/**
 * Refusals that are an answer, not a fault: a closed period is the accountants' decision (they reopen it or
 * post by hand), so the run is recorded as skipped with the reason instead of failing.
 */
const RECORDED_REFUSALS = new Set(['period_is_closed']);

/** The `YYYY-MM` before the month `now` falls in, read in `timezone` (the process's zone when unset). */
export function previousPeriod(now: Date, timezone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(now);
  const part = (type: 'year' | 'month') => Number(parts.find((each) => each.type === type)?.value);
  // Months counted from year 0: one back from this month, then split into year and month again.
  const index = part('year') * 12 + part('month') - 2;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export async function depreciationJob(context: JobContext): Promise<JobOutcome> {
  const period = previousPeriod(context.now, context.timezone);
  const actor = { user: DEPRECIATION_JOB_USER, idempotencyKey: `depreciation-run:${period}` };
  try {
    const outcome = await context.ledger.submit(depreciationRunCommand(actor, { period }));
    return outcomeOf(period, outcome.body as RunBody, outcome.replayed);
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    const status = RECORDED_REFUSALS.has(error.code) ? 'skipped' : 'failed';
    return { status, detail: `${period}: ${error.code}: ${error.message}` };
  }
}

interface RunBody {
  status: 'posted' | 'nothing_to_post';
  number: string | null;
  asset_count: number;
  total: string;
  message?: string;
}

function outcomeOf(period: string, body: RunBody, replayed: boolean): JobOutcome {
  const again = replayed ? ' (already run: the first answer, nothing posted again)' : '';
  if (body.status === 'nothing_to_post') {
    return { status: 'success', detail: `${period}: nothing_to_post: ${body.message ?? ''}${again}` };
  }
  const detail = `${period}: posted ${body.number}, ${body.asset_count} assets, ${body.total}${again}`;
  return { status: 'success', detail };
}
