// The general-ledger lines behind a statement, for the workbook's drill-down sheet: every line of the
// statement's range (a balance as of a date: its fiscal year to date) and filters, by account, date and seq.
import { POSTED_JOURNAL_LINES_MAX } from '../../ingest/index.ts';
import type { BindValue, ReportDb, Row } from '../definition.ts';
import { BEGINNING_DATE } from '../statements/fragments.ts';

/** Lines the drill-down sheet holds at most; beyond, the cover says so and points to the general ledger. */
export const WORKBOOK_LEDGER_LINES_MAX = 50_000;

/** The words of a line come from the facts, as the general ledger reads them (general-ledger.ts). */
const LINES_SQL = `
with

range_lines as (
    select seq, posting_date, document_number, line_no, account_code, department, cost_center, project,
        debit, credit
    from marts.fct_journal_lines
    where posting_date between cast($from as date) and cast($to as date)
        and (cast($department as varchar) is null or department = $department)
        and (cast($cost_center as varchar) is null or cost_center = $cost_center)
        and (cast($project as varchar) is null or project = $project)
    order by account_code, posting_date, seq
    limit $limit
),

entry_words as (
    select seq, memo
    from facts.journal_entries
    where seq between (select min(seq) from range_lines)
        and (select max(seq) from range_lines) + ${POSTED_JOURNAL_LINES_MAX}
)

select
    range_lines.account_code,
    accounts.name as account_name,
    range_lines.posting_date,
    range_lines.document_number,
    range_lines.line_no::integer as line_no,
    coalesce(line_words.memo, entry_words.memo) as memo,
    range_lines.department,
    range_lines.cost_center,
    range_lines.project,
    range_lines.debit,
    range_lines.credit
from range_lines
left join facts.journal_lines as line_words
    on range_lines.seq = line_words.seq
asof left join entry_words
    on range_lines.seq < entry_words.seq
left join marts.dim_accounts as accounts
    on range_lines.account_code = accounts.code
order by range_lines.account_code, range_lines.posting_date, range_lines.seq`;

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
