// Shapes of successful responses, for the OpenAPI document only: ingest builds the bodies, these describe them.
import { z } from 'zod';

/** Money leaves the API as a decimal string with two decimals, never as a float. */
const Amount = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .describe('decimal string, e.g. "1234.50"');
const IsoDate = z.string().describe('YYYY-MM-DD');
const Timestamp = z.string().describe('ISO 8601 timestamp, UTC');
const FieldError = z.object({ path: z.string(), code: z.string(), message: z.string() });

export const Principal = z.object({ name: z.string(), role: z.string(), via: z.enum(['token', 'session']) });
export const Health = z.object({ status: z.literal('ok'), seq: z.string(), company: z.string() });

export const Posted = z.object({
  id: z.string(),
  number: z.string(),
  reverses: z.string().optional(),
  journal: z.object({
    number: z.string(),
    date: IsoDate,
    fiscal_year: z.number().int(),
    total: Amount,
    line_count: z.number().int(),
  }),
});

export const BatchResult = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  results: z.array(
    z.object({
      index: z.number().int(),
      status: z.enum(['accepted', 'rejected']),
      number: z.string().optional(),
      code: z.string().optional(),
      errors: z.array(FieldError).optional(),
    }),
  ),
});

const JournalLine = z.object({
  line_no: z.number().int(),
  account: z.string(),
  debit: Amount,
  credit: Amount,
  department: z.string().nullable(),
  cost_center: z.string().nullable(),
  project: z.string().nullable(),
  party: z.string().nullable(),
  memo: z.string().nullable(),
});

const JournalSummary = z.object({
  number: z.string(),
  date: IsoDate,
  memo: z.string().nullable(),
  reference: z.string().nullable(),
  total: Amount,
  line_count: z.number().int(),
  reverses: z.string().nullable(),
  user_name: z.string(),
  recorded_at: Timestamp,
});

export const JournalPage = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  rows: z.array(JournalSummary),
});

export const JournalDetail = JournalSummary.extend({
  document_type: z.string(),
  fiscal_year: z.number().int(),
  reversed_by: z.string().nullable(),
  seq: z.string(),
  lines: z.array(JournalLine),
});

export const Account = z.object({
  code: z.string(),
  name: z.string(),
  type: z.enum(['asset', 'liability', 'equity', 'revenue', 'expense']),
  parent_code: z.string().nullable(),
  is_group: z.boolean(),
  normal_balance: z.string(),
  statement: z.string(),
  statement_section: z.string(),
  statement_line: z.string(),
  cash_flow_category: z.string(),
  cash_flow_line: z.string(),
  sort_order: z.number().int(),
});
export const AccountList = z.object({ rows: z.array(Account) });

export const PeriodRow = z.object({
  period: z.string(),
  fiscal_year: z.number().int(),
  status: z.enum(['open', 'closed']),
  closed_at: Timestamp.nullable(),
  closed_by: z.string().nullable(),
  journals: z.number().int(),
});
export const PeriodList = z.object({ rows: z.array(PeriodRow) });
export const PeriodStatus = z.object({ period: z.string(), status: z.enum(['open', 'closed']) });

export const UserCreated = z.object({ name: z.string(), role: z.string() });
export const TokenCreated = z.object({
  name: z.string(),
  role: z.string(),
  token: z.string().nullable().describe('shown once; null when an idempotent replay answers'),
});
