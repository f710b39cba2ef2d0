// The general-ledger lines behind a statement, for the workbook's drill-down sheet: every line of the
// statement's range (a balance as of a date: its fiscal year to date) and filters, by account, date and seq.
import type { BindValue, ReportDb, Row } from '../definition.ts';
import { BEGINNING_DATE, dimensionFilter } from '../statements/fragments.ts';
import { LINE_COLUMNS, LINE_ORDER, WORDS_CTES, WORDS_JOINS } from './line-words.ts';

/** Lines the drill-down sheet holds at most; beyond, the cover says so and points to the general ledger. */
export const WORKBOOK_LEDGER_LINES_MAX = 50_000;

const LINES_SQL = `
with

range_lines as (
    select seq, posting_date, document_number, line_no, account_code, department, cost_center, project,
        debit, credit
    from marts.fct_journal_lines
    where posting_date between cast($from as date) and cast($to as date)
        and ${dimensionFilter()}
    order by account_code, posting_date, seq
    limit $limit
),

${WORDS_CTES}

select
    ${LINE_COLUMNS}
from range_lines
${WORDS_JOINS}
${LINE_ORDER}`;

const FISCAL_YEAR_START_SQL = `
select coalesce(max(fiscal_year_start_date), cast($as_of as date))::varchar as start
from marts.dim_dates
where date_day = cast($as_of as date)`;

export interface LedgerLines {
  from: string;
  to: string;
  rows: Row[];
  /** More lines lie in the range than the sheet holds. */
  truncated: boolean;
}

export async function ledgerLinesOf(db: ReportDb, params: Record<string, unknown>): Promise<LedgerLines> {
  const text = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : null);
  const to = text('to') ?? text('as_of');
  if (!to) return { from: BEGINNING_DATE, to: BEGINNING_DATE, rows: [], truncated: false };
  let from = text('from');
  if (!from) {
    const [start] = await db.query(FISCAL_YEAR_START_SQL, { as_of: to });
    from = String(start?.start ?? to);
  }
  const values: Record<string, BindValue> = {
    from,
    to,
    department: text('department'),
    cost_center: text('cost_center'),
    project: text('project'),
    limit: WORKBOOK_LEDGER_LINES_MAX + 1,
  };
  const rows = await db.query(LINES_SQL, values);
  const truncated = rows.length > WORKBOOK_LEDGER_LINES_MAX;
  return { from, to, rows: truncated ? rows.slice(0, WORKBOOK_LEDGER_LINES_MAX) : rows, truncated };
}
