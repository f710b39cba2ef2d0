// Shapes of the reports, statements, fixed-asset and year-end responses, for the OpenAPI document only.
import { z } from 'zod';
import { STATEMENT_IDS } from '../reports/index.ts';

const Amount = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .describe('decimal string, e.g. "1234.50"');
const IsoDate = z.string().describe('YYYY-MM-DD');
const Timestamp = z.string().describe('ISO 8601 timestamp, UTC');
const Seq = z.string().regex(/^\d+$/).describe('a fact sequence number, as a decimal string');
const Row = z.record(z.string(), z.unknown());

const FreshnessFields = {
  refreshed_at: Timestamp.nullable().describe('when the marts this answer reads were last rebuilt'),
  last_fact_seq: Seq.nullable().describe('the highest fact seq those marts reflect'),
};

const Column = z.object({
  name: z.string().describe('key in each row; a dot reaches one level down (`periods.2025-01`)'),
  label: z.string(),
  type: z.enum(['text', 'money', 'quantity', 'integer', 'date', 'percent']),
  format: z.string().describe('spreadsheet number format'),
});

const Page = z.object({
  limit: z.number().int(),
  offset: z.number().int(),
  total_rows: z.number().int(),
  next_offset: z.number().int().nullable(),
});

export const ReportCatalogue = z.object({
  rows: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      kind: z.enum(['statement', 'report']),
      params: Row.describe('JSON Schema of the query parameters'),
      columns: z.array(Column),
      has_chart: z.boolean(),
      has_workbook: z.boolean(),
    }),
  ),
});

export const ReportAnswer = z.object({
  ...FreshnessFields,
  report: z.object({ id: z.string(), title: z.string(), kind: z.enum(['statement', 'report']) }),
  params: Row.describe('the parameters as parsed, with derived ones (comparison range)'),
  columns: z.array(Column),
  rows: z.array(Row),
  totals: Row.optional(),
  page: Page.optional(),
});

export const StatementAnswer = z
  .object({
    ...FreshnessFields,
    statement: z.enum(STATEMENT_IDS),
    title: z.string(),
    params: Row,
    columns: z.array(Column),
    rows: z
      .array(Row)
      .optional()
      .describe(
        'trial balance: {account, name, opening, debit, credit, balance, closing, …}; general ledger',
      ),
    lines: z
      .array(Row)
      .optional()
      .describe('balance sheet, income statement, cash flow: {level, kind, key, label, account, amount, …}'),
    totals: Row.describe(
      'trial balance {debit, credit, balance, …}; balance sheet {assets, liabilities, equity, ' +
        'liabilities_and_equity}; income statement {revenue, expenses, net_income}; cash flow {operating, ' +
        'investing, financing, net_change, opening_cash, closing_cash}',
    ),
    page: Page.optional(),
    opening_cash: Amount.optional(),
    closing_cash: Amount.optional(),
  })
  .describe('a statement under the design field names; money as decimal strings');

const JournalRef = z.object({
  number: z.string(),
  date: IsoDate,
  fiscal_year: z.number().int(),
  total: Amount,
  line_count: z.number().int(),
});

const Asset = z.object({
  number: z.string(),
  name: z.string(),
  category: z.string(),
  cost: Amount,
  salvage_value: Amount,
  useful_life_years: z.number().int(),
  start_date: IsoDate,
  method: z.enum(['straight_line', 'declining_balance', 'double_declining_balance', 'sum_of_years_digits']),
  rate: z.string().nullable().describe('declining_balance only: the rate used'),
  is_rate_fixed: z.boolean(),
  accounts: z.object({
    asset: z.string(),
    accumulated_depreciation: z.string(),
    depreciation_expense: z.string(),
  }),
  department: z.string().nullable(),
  cost_center: z.string().nullable(),
  posting_date: IsoDate,
  acquisition_journal: z.string().nullable(),
});

export const AssetRegistered = z.object({
  id: z.string(),
  number: z.string(),
  asset: Asset,
  journal: JournalRef.optional().describe('the acquisition journal, when `acquisition` was given'),
});

const Disposal = z.object({
  date: IsoDate,
  journal: z.string(),
  proceeds: Amount,
  accumulated_depreciation: Amount,
  gain_loss: Amount,
});

export const AssetDetail = Asset.extend({
  status: z.enum(['registered', 'disposed']),
  accumulated_depreciation: Amount,
  net_book_value: Amount,
  disposal: Disposal.nullable(),
});

export const AssetRegister = z.object({
  as_of: IsoDate,
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  totals: z.object({
    assets_on_books: z.number().int(),
    cost: Amount,
    accumulated_depreciation: Amount,
    net_book_value: Amount,
  }),
  rows: z.array(Row).describe('one asset each: number, name, category, cost, net_book_value, status, …'),
});

export const AssetSchedule = z.object({
  asset: Asset,
  fiscal_year_start_month: z.number().int(),
  disposal: Disposal.nullable(),
  totals: z.object({ planned: Amount, posted: Amount }),
  years: z.array(
    z.object({ year: z.number().int(), first_period: z.string(), months: z.number().int(), amount: Amount }),
  ),
  periods: z.array(
    z.object({
      period: z.string(),
      year: z.number().int(),
      planned: Amount,
      planned_accumulated: Amount,
      planned_book_value: Amount,
      posted: Amount.nullable(),
      journal: z.string().nullable(),
    }),
  ),
});

export const AssetDisposed = z.object({
  id: z.string(),
  number: z.string(),
  asset: z.string(),
  date: IsoDate,
  cost: Amount,
  accumulated_depreciation: Amount,
  net_book_value: Amount,
  proceeds: Amount,
  gain_loss: Amount.describe('proceeds - net book value: above zero a gain, below zero a loss'),
  journal: JournalRef,
});

export const DepreciationRunResult = z.object({
  id: z.string().nullable(),
  number: z.string().nullable(),
  period: z.string(),
  status: z.enum(['posted', 'nothing_to_post']),
  asset_count: z.number().int(),
  total: Amount,
  assets: z.array(z.object({ asset: z.string(), amount: Amount })).optional(),
  earlier_runs: z.array(z.string()).optional(),
  message: z.string().optional(),
  journal: JournalRef.optional(),
});

export const YearEndCloseResult = z.object({
  id: z.string().nullable(),
  number: z.string().nullable(),
  fiscal_year: z.number().int(),
  status: z.enum(['closed', 'nothing_to_close']),
  date: IsoDate.optional().describe("the fiscal year's last day"),
  net_income: Amount.describe("the year's profit moved into retained earnings (negative: a loss)"),
  retained_earnings_account: z.string().optional(),
  message: z.string().optional(),
  journal: JournalRef.optional(),
});
