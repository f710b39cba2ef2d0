// Finance commands for the writer: post a journal, post a batch, reverse a journal, close and reopen periods.
import { conflict, LedgerError, notFound } from '../errors.ts';
import { appendJournal, type Journal, type PostedJournal } from '../journal.ts';
import { formatMoney, minorFromString } from '../money.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { parseJournal } from './journal-input.ts';
import type { JournalInput, ReversalInput } from './schema.ts';

/** Document type of year-end closing journals (and of their reversals, which keep the original's type). */
export const YEAR_END_CLOSE_TYPE = 'year-end-close';

export interface Actor {
  user: string;
  idempotencyKey?: string;
}

export function journalBody(posted: PostedJournal, seq?: bigint) {
  return {
    id: posted.number,
    number: posted.number,
    journal: {
      number: posted.number,
      date: posted.date,
      fiscal_year: posted.fiscal_year,
      total: formatMoney(posted.total),
      line_count: posted.line_count,
      ...(seq === undefined ? {} : { seq: seq.toString() }),
    },
  };
}

export function postJournalCommand(actor: Actor, journal: JournalInput): Command {
  return {
    name: 'journal.post',
    ...actor,
    request: journal,
    run(ctx): CommandResult {
      const posted = appendJournal(ctx, journal);
      return {
        status: 201,
        body: journalBody(posted),
        documentType: 'journal',
        documentNumber: posted.number,
      };
    },
  };
}

export type BatchItemResult =
  | { index: number; status: 'accepted'; number: string }
  | {
      index: number;
      status: 'rejected';
      code: string;
      errors: Array<{ path: string; code: string; message: string }>;
    };

/** Posts each journal of a batch on its own: one bad item does not reject its neighbours. */
export function postJournalBatchCommand(actor: Actor, items: unknown[]): Command {
  return {
    name: 'journal.batch',
    ...actor,
    request: items,
    requestIsJson: true,
    documents: items.length,
    async run(ctx): Promise<CommandResult> {
      const results: BatchItemResult[] = [];
      for (let index = 0; index < items.length; index++) {
        const outcome = await ctx.attempt((inner) => appendJournal(inner, parseJournal(items[index])));
        results.push(
          outcome.ok
            ? { index, status: 'accepted', number: outcome.value.number }
            : rejected(index, outcome.error),
        );
      }
      const accepted = results.filter((result) => result.status === 'accepted').length;
      return { status: 200, body: { accepted, rejected: results.length - accepted, results } };
    },
  };
}

function rejected(index: number, error: unknown): BatchItemResult {
  if (error instanceof LedgerError && (error.kind === 'invalid' || error.kind === 'rule_violated')) {
    return { index, status: 'rejected', code: error.code, errors: error.errors };
  }
  throw error;
}

/** Reverses a posted journal with a new journal of swapped sides; the original is never touched. */
export function reverseJournalCommand(actor: Actor, number: string, input: ReversalInput): Command {
  return {
    name: 'journal.reverse',
    ...actor,
    request: { number, ...input },
    exclusive: true,
    async run(ctx): Promise<CommandResult> {
      const original = await loadOriginal(ctx, number);
      refuseMovedClosingReversal(original, number, input.date);
      const date = input.date ?? original.date;
      const reversal: Journal = {
        date,
        memo: input.memo ?? `Reversal of ${number}`,
        reference: number,
        lines: original.lines.map((line) => ({ ...line, debit: line.credit, credit: line.debit })),
      };
      const posted = appendJournal(ctx, reversal, {
        documentType: original.documentType,
        reversesDocumentNumber: number,
      });
      ctx.changes.set(ctx.state.reversals, number, posted.number);
      appendProcessEvent(ctx, {
        process: 'record_to_report',
        caseId: number,
        activity: 'journal_reversed',
        documentType: original.documentType,
        documentNumber: posted.number,
        postingDate: date,
      });
      const body = { ...journalBody(posted), reverses: number };
      return { status: 201, body, documentType: original.documentType, documentNumber: posted.number };
    },
  };
}

/**
 * Reversing a year-end close reopens that year: the reversal must fall on the closing entry's own date, or it
 * would cancel the close in some other year's result.
 */
function refuseMovedClosingReversal(original: Original, number: string, date: string | undefined): void {
  if (original.documentType !== YEAR_END_CLOSE_TYPE || date === undefined || date === original.date) return;
  const message = `${number} closes a fiscal year; its reversal is dated ${original.date}, as the close is`;
  throw new LedgerError('rule_violated', 'closing_reversal_date_fixed', message, [
    { path: 'date', code: 'closing_reversal_date_fixed', message },
  ]);
}

interface Original {
  date: string;
  documentType: string;
  lines: Journal['lines'];
}

async function loadOriginal(ctx: CommandContext, number: string): Promise<Original> {
  const [entry] = await ctx.db.query(
    'select document_type, posting_date, reverses_document_number from facts.journal_entries where document_number = ?',
    [number],
  );
  if (!entry) throw notFound('journal_not_found', `journal ${number} does not exist`, 'number');
  const reversedBy = ctx.state.reversals.get(number);
  if (reversedBy)
    throw conflict(
      'journal_already_reversed',
      `journal ${number} was already reversed by ${reversedBy}`,
      'number',
    );
  if (entry.reverses_document_number) {
    throw conflict(
      'cannot_reverse_a_reversal',
      `journal ${number} is itself a reversal; post a new journal instead`,
      'number',
    );
  }
  const lines = await ctx.db.query(
    `select account_code, debit, credit, department, cost_center, project, party, memo
     from facts.journal_lines where document_number = ? order by line_no`,
    [number],
  );
  return {
    date: String(entry.posting_date),
    documentType: String(entry.document_type),
    lines: lines.map((line) => ({
      account: String(line.account_code),
      debit: positiveOrUndefined(minorFromString(line.debit as string)),
      credit: positiveOrUndefined(minorFromString(line.credit as string)),
      department: (line.department as string | null) ?? undefined,
      cost_center: (line.cost_center as string | null) ?? undefined,
      project: (line.project as string | null) ?? undefined,
      party: (line.party as string | null) ?? undefined,
      memo: (line.memo as string | null) ?? undefined,
    })),
  };
}

function positiveOrUndefined(minor: bigint): bigint | undefined {
  return minor > 0n ? minor : undefined;
}

/** Closes or reopens a `YYYY-MM` period; closing refuses later postings dated inside it with `period_is_closed`. */
export function periodCommand(
  actor: Actor,
  period: string,
  action: 'close' | 'reopen',
  reason?: string,
): Command {
  return {
    name: `period.${action}`,
    ...actor,
    request: { period, action, reason },
    run(ctx): CommandResult {
      const closed = ctx.state.closedPeriods.get(period);
      if (action === 'close' && closed)
        throw conflict('period_already_closed', `period ${period} is already closed`, 'period');
      if (action === 'reopen' && !closed)
        throw conflict('period_not_closed', `period ${period} is not closed`, 'period');
      const date = `${period}-01`;
      if (action === 'close') {
        ctx.changes.set(ctx.state.closedPeriods, period, {
          closedAt: ctx.recordedAt,
          closedBy: ctx.user,
        });
      } else {
        const previous = closed;
        ctx.state.closedPeriods.delete(period);
        ctx.changes.remember(() => previous && ctx.state.closedPeriods.set(period, previous));
      }
      ctx.rows.push('periodEvents', {
        seq: ctx.nextSeq(),
        period,
        action,
        document_type: 'period',
        document_number: period,
        posting_date: date,
        reason: reason ?? null,
        recorded_at: ctx.recordedAt,
        user_name: ctx.user,
        idempotency_key: ctx.idempotencyKey,
      });
      appendProcessEvent(ctx, {
        process: 'period_close',
        caseId: period,
        activity: action === 'close' ? 'period_closed' : 'period_reopened',
        documentType: 'period',
        documentNumber: period,
        postingDate: date,
      });
      const status = action === 'close' ? 'closed' : 'open';
      return { status: 200, body: { period, status }, documentType: 'period', documentNumber: period };
    },
  };
}
