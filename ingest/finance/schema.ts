// Input shapes of the finance commands: journals, batches, reversals, periods, accounts.
import { z } from 'zod';
import { Code, IsoDate, Money, matching, Text } from '../validation.ts';

/** Lines in one journal at most. */
export const JOURNAL_LINES_MAX = 1_000;
/** Journals in one batch request at most. */
export const BATCH_JOURNALS_MAX = 1_000;

export const JournalLineInput = z.strictObject({
  account: Code,
  debit: Money.optional(),
  credit: Money.optional(),
  department: Code.optional(),
  cost_center: Code.optional(),
  project: Code.optional(),
  party: Code.optional(),
  memo: Text.optional(),
});
export type JournalLineInput = z.output<typeof JournalLineInput>;

export const JournalInput = z.strictObject({
  date: IsoDate,
  memo: Text.optional(),
  reference: Code.optional(),
  lines: z
    .array(JournalLineInput)
    .max(JOURNAL_LINES_MAX)
    .refine((lines) => lines.length >= 2, {
      message: 'a journal needs at least two lines',
      params: { code: 'too_few_lines' },
    }),
});
export type JournalInput = z.output<typeof JournalInput>;

/** A batch is parsed per item, so the envelope only checks that `journals` is a bounded list. */
export const JournalBatchInput = z.strictObject({
  journals: z
    .array(z.unknown())
    .min(1)
    .refine((journals) => journals.length <= BATCH_JOURNALS_MAX, {
      message: `a batch holds at most ${BATCH_JOURNALS_MAX} journals`,
      params: { code: 'batch_too_large' },
    }),
});

export const ReversalInput = z.strictObject({
  date: IsoDate.optional(),
  memo: Text.optional(),
});
export type ReversalInput = z.output<typeof ReversalInput>;

export const PeriodActionInput = z.strictObject({
  reason: Text.optional(),
});

export const AccountInput = z.strictObject({
  code: matching(
    /^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$/,
    'invalid_account_code',
    'an account code is 1–20 letters, digits, dots, dashes or underscores',
  ),
  name: z.string().trim().min(1).max(120),
  type: z.enum(['asset', 'liability', 'equity', 'revenue', 'expense']),
  parent_code: Code,
  is_group: z.boolean().default(false),
  normal_balance: z.enum(['debit', 'credit']).optional(),
  statement_line: Code.optional(),
  cash_flow_category: z.enum(['cash', 'operating', 'investing', 'financing', 'non_cash']).optional(),
  cash_flow_line: Code.optional(),
});
export type AccountInput = z.output<typeof AccountInput>;

/** A fiscal year, named by the calendar year it starts in (`2025`), as a path parameter. */
export const FiscalYear = matching(
  /^(20\d\d)$/,
  'invalid_fiscal_year',
  'a fiscal year is written YYYY (2000–2099), named by the calendar year it starts in',
).transform(Number);

export const YearEndCloseInput = z.strictObject({
  memo: Text.optional(),
});
export type YearEndCloseInput = z.output<typeof YearEndCloseInput>;
