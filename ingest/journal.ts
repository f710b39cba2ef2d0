// The journal: the rules every posting must satisfy and the rows it appends. Every module posts its
// ledger effect through `appendJournal`, so one set of rules guards the general ledger.
import { ErrorList } from './errors.ts';
import { formatMoney } from './money.ts';
import { assignNumber } from './numbering.ts';
import { checkPostingDate } from './periods.ts';
import { appendProcessEvent } from './process-events.ts';
import type { LedgerState } from './state.ts';
import type { CommandContext } from './writer.ts';

export interface JournalLine {
  account: string;
  debit?: bigint;
  credit?: bigint;
  department?: string;
  cost_center?: string;
  project?: string;
  party?: string;
  memo?: string;
}

export interface Journal {
  date: string;
  memo?: string;
  reference?: string;
  lines: JournalLine[];
}

export interface JournalSource {
  /** Document type of the journal itself (`journal` for vouchers; modules may use their own series). */
  documentType?: string;
  sourceDocumentType?: string;
  sourceDocumentNumber?: string;
  reversesDocumentNumber?: string;
}

export interface PostedJournal {
  number: string;
  date: string;
  fiscal_year: number;
  total: bigint;
  line_count: number;
}

const DIMENSIONS = [
  ['department', 'department'],
  ['cost_center', 'cost_center'],
  ['project', 'project'],
] as const;

/**
 * Lines one posted journal may hold, whoever posts it (vouchers through the API hold far fewer; a year-end
 * close or a depreciation run stays below). Readers rely on it: appendJournal gives a journal's header the
 * seq right after its last line, so the header lies at most this far above any of its lines, which lets the
 * general ledger find the headers of a page's lines in a narrow range of seqs.
 */
export const POSTED_JOURNAL_LINES_MAX = 100_000;

/** Every rule of a journal, all reported at once: line shape, accounts, dimensions, balance, period. */
export function checkJournal(state: LedgerState, journal: Journal, errors = new ErrorList()): ErrorList {
  if (journal.lines.length < 2) errors.add('lines', 'too_few_lines', 'a journal needs at least two lines');
  if (journal.lines.length > POSTED_JOURNAL_LINES_MAX) {
    const message = `a posted journal holds at most ${POSTED_JOURNAL_LINES_MAX} lines`;
    errors.add('lines', 'too_many_lines', message);
  }
  let debits = 0n;
  let credits = 0n;
  journal.lines.forEach((line, index) => {
    const debit = line.debit ?? 0n;
    const credit = line.credit ?? 0n;
    debits += debit;
    credits += credit;
    checkLine(state, line, debit, credit, index, errors);
  });
  if (debits !== credits) {
    errors.add(
      'lines',
      'debits_must_equal_credits',
      `debits (${debits}) and credits (${credits}) differ, in minor units`,
    );
  }
  checkPostingDate(state, journal.date, errors);
  return errors;
}

/** The line's own rules; its path (`lines.3`) is built only when something is wrong. */
function checkLine(
  state: LedgerState,
  line: JournalLine,
  debit: bigint,
  credit: bigint,
  index: number,
  errors: ErrorList,
): void {
  if (debit < 0n || credit < 0n) {
    errors.add(
      `lines.${index}`,
      'amount_must_be_positive',
      'amounts are positive; put a negative debit on the credit side',
    );
  } else if (debit > 0n && credit > 0n) {
    errors.add(`lines.${index}`, 'line_needs_debit_xor_credit', 'a line has a debit or a credit, not both');
  } else if (debit === 0n && credit === 0n) {
    errors.add(`lines.${index}`, 'amount_must_be_positive', 'a line needs a positive debit or credit');
  }
  const account = state.accounts.get(line.account);
  if (!account || account.isGroup) checkAccount(state, line.account, `lines.${index}.account`, errors);
  for (const [field, dimension] of DIMENSIONS) {
    const value = line[field];
    if (value !== undefined && !state.dimensions.has(`${dimension}:${value}`)) {
      errors.add(
        `lines.${index}.${field}`,
        'unknown_dimension_value',
        `${dimension} "${value}" is not defined`,
      );
    }
  }
}

function checkAccount(state: LedgerState, code: string, path: string, errors: ErrorList): void {
  const account = state.accounts.get(code);
  if (!account) errors.add(path, 'account_not_found', `account ${code} does not exist`);
  else if (account.isGroup) {
    errors.add(
      path,
      'account_not_postable',
      `account ${code} (${account.name}) is a group; post to one of its accounts`,
    );
  }
}

/** Checks the journal, then appends its header, lines and process event; throws every broken rule at once. */
export function appendJournal(
  ctx: CommandContext,
  journal: Journal,
  source: JournalSource = {},
): PostedJournal {
  checkJournal(ctx.state, journal).throwIfAny('the journal breaks the ledger rules');
  const documentType = source.documentType ?? 'journal';
  const assigned = assignNumber(ctx, documentType, journal.date);
  const recordedAt = ctx.recordedAt;
  const postingDate = journal.date;
  const provenance = { recorded_at: recordedAt, user_name: ctx.user, idempotency_key: ctx.idempotencyKey };
  let total = 0n;
  journal.lines.forEach((line, index) => {
    total += line.debit ?? 0n;
    ctx.rows.push('journalLines', {
      seq: ctx.nextSeq(),
      document_type: documentType,
      document_number: assigned.documentNumber,
      line_no: index + 1,
      posting_date: postingDate,
      account_code: line.account,
      debit: formatMoney(line.debit ?? 0n),
      credit: formatMoney(line.credit ?? 0n),
      department: line.department ?? null,
      cost_center: line.cost_center ?? null,
      project: line.project ?? null,
      party: line.party ?? null,
      memo: line.memo ?? null,
      ...provenance,
    });
  });
  ctx.rows.push('journalEntries', {
    seq: ctx.nextSeq(),
    document_type: documentType,
    document_number: assigned.documentNumber,
    series: assigned.series,
    fiscal_year: assigned.fiscalYear,
    posting_date: postingDate,
    memo: journal.memo ?? null,
    reference: journal.reference ?? null,
    source_document_type: source.sourceDocumentType ?? null,
    source_document_number: source.sourceDocumentNumber ?? null,
    reverses_document_number: source.reversesDocumentNumber ?? null,
    line_count: journal.lines.length,
    total_debit: formatMoney(total),
    ...provenance,
  });
  appendProcessEvent(ctx, {
    process: 'record_to_report',
    caseId: assigned.documentNumber,
    activity: 'journal_posted',
    documentType,
    documentNumber: assigned.documentNumber,
    postingDate: journal.date,
  });
  return {
    number: assigned.documentNumber,
    date: journal.date,
    fiscal_year: assigned.fiscalYear,
    total,
    line_count: journal.lines.length,
  };
}
