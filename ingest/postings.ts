// Postings built from posting rules (seeds/posting_rules.csv): the accounts by role, and a journal made of
// signed amounts per account, netted and checked by the journal's own rules.
import { LedgerError } from './errors.ts';
import { appendJournal, type JournalLine, type PostedJournal } from './journal.ts';
import { formatMoney } from './money.ts';
import type { LedgerState } from './state.ts';
import type { CommandContext } from './writer.ts';

/** The rules the purchasing and inventory postings need; each must be in ref.posting_rules. */
export type PostingRule =
  | 'inventory'
  | 'consumption'
  | 'grni'
  | 'payables'
  | 'input_tax'
  | 'price_variance'
  | 'inventory_differences'
  | 'bank'
  | 'receivables'
  | 'revenue'
  | 'sales_returns'
  | 'cogs'
  | 'output_tax';

export function postingAccount(state: LedgerState, rule: PostingRule): string {
  const account = state.postingRules.get(rule);
  if (!account) {
    throw new LedgerError('internal', 'posting_rule_missing', `ref.posting_rules has no "${rule}" rule`);
  }
  return account;
}

/**
 * The account of `rule` for an item category: the rule `<rule>.<category>` when defined (rule names are lower
 * case, so `MERCHANDISE` finds `revenue.merchandise`), else `<rule>`.
 */
export function categoryAccount(state: LedgerState, rule: PostingRule, category: string): string {
  return state.postingRules.get(`${rule}.${category.toLowerCase()}`) ?? postingAccount(state, rule);
}

/** A signed amount on an account: positive is a debit, negative a credit. */
export interface Posting {
  account: string;
  amount: bigint;
  department?: string | undefined;
  cost_center?: string | undefined;
  party?: string | undefined;
}

export interface PostingJournal {
  date: string;
  memo: string;
  sourceDocumentType: string;
  sourceDocumentNumber: string;
  postings: Posting[];
}

/** Nets the postings per account and dimensions, drops what nets to zero, and appends the journal; null when
 * nothing is left to post (e.g. goods of zero value). */
export function appendPostings(ctx: CommandContext, journal: PostingJournal): PostedJournal | null {
  const net = new Map<string, Posting>();
  for (const posting of journal.postings) {
    const key = [posting.account, posting.department, posting.cost_center, posting.party].join('\n');
    const seen = net.get(key);
    if (seen) seen.amount += posting.amount;
    else net.set(key, { ...posting });
  }
  const lines: JournalLine[] = [];
  for (const posting of net.values()) {
    if (posting.amount === 0n) continue;
    lines.push({
      account: posting.account,
      ...(posting.amount > 0n ? { debit: posting.amount } : { credit: -posting.amount }),
      ...(posting.department ? { department: posting.department } : {}),
      ...(posting.cost_center ? { cost_center: posting.cost_center } : {}),
      ...(posting.party ? { party: posting.party } : {}),
      memo: journal.sourceDocumentNumber,
    });
  }
  if (lines.length === 0) return null;
  return appendJournal(
    ctx,
    { date: journal.date, memo: journal.memo, reference: journal.sourceDocumentNumber, lines },
    { sourceDocumentType: journal.sourceDocumentType, sourceDocumentNumber: journal.sourceDocumentNumber },
  );
}

/** A posted journal as the documents' answers show it. */
export function postedJson(posted: PostedJournal) {
  return {
    number: posted.number,
    date: posted.date,
    fiscal_year: posted.fiscal_year,
    total: formatMoney(posted.total),
    line_count: posted.line_count,
  };
}
