// General ledger: the lines of an account, or of every leaf under a group, for a range, with the opening
// balance and a running balance; paged. The drill-down target of every statement line.
import { z } from 'zod';
import { Code, type FieldError } from '../../ingest/index.ts';
import { column, defineReport } from '../definition.ts';
import {
  checkRangeOrder,
  dateRange,
  dimensionFilters,
  GL_PAGE_ROWS_DEFAULT,
  GL_PAGE_ROWS_MAX,
} from '../params.ts';
import { drillToJournal } from './drill.ts';
import { BEGINNING, dimensionFilter, movementsBetween } from './fragments.ts';

export const GeneralLedgerParams = z
  .strictObject({
    account: Code,
    ...dateRange,
    ...dimensionFilters,
    limit: z.coerce.number().int().min(1).max(GL_PAGE_ROWS_MAX).default(GL_PAGE_ROWS_DEFAULT),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .superRefine(checkRangeOrder);

const FROM = 'cast($from as date)';
const TO = 'cast($to as date)';

const SCOPE = `
with

target as (
    select path
    from marts.dim_accounts
    where code = $account
),

-- A group stands for every leaf below it: paths are codes joined by '/', so the subtree shares the prefix.
scope as (
    select accounts.code
    from marts.dim_accounts as accounts
    cross join target
    where not accounts.is_group
        and (accounts.path = target.path or starts_with(accounts.path, target.path || '/'))
),

opening as (
    select coalesce(sum(amount), 0) as amount
    from (${movementsBetween(BEGINNING, `${FROM} - 1`)})
    where account_code in (select code from scope)
),

range_lines as (
    select
        seq,
        posting_date,
        document_type,
        document_number,
        line_no,
        account_code,
        account_name,
        coalesce(line_memo, entry_memo) as memo,
        department,
        cost_center,
        project,
        party,
        debit,
        credit,
        amount
    from marts.fct_journal_lines
    where account_code in (select code from scope)
        and posting_date between ${FROM} and ${TO}
        and ${dimensionFilter()}
)
`;

const ROWS_SQL = `${SCOPE},

running as (
    select
        range_lines.*,
        row_number() over (order by posting_date, seq) as row_number,
        (select amount from opening)
            + sum(amount) over (order by posting_date, seq rows between unbounded preceding and current row)
            as running_balance
    from range_lines
)

select
    row_number::integer as row_number,
    posting_date,
    document_type,
    document_number,
    line_no::integer as line_no,
    account_code,
    account_name,
    memo,
    department,
    cost_center,
    project,
    party,
    debit,
    credit,
    amount,
    running_balance::decimal(18, 2) as running_balance
from running
order by row_number
limit $limit
offset $offset`;

const TOTALS_SQL = `${SCOPE}
select
    (select amount from opening)::decimal(18, 2) as opening,
    coalesce(sum(debit), 0)::decimal(18, 2) as debit,
    coalesce(sum(credit), 0)::decimal(18, 2) as credit,
    ((select amount from opening) + coalesce(sum(amount), 0))::decimal(18, 2) as closing,
    count(*)::integer as line_count
from range_lines`;

export const generalLedger = defineReport({
  id: 'general-ledger',
  title: 'General ledger',
  description:
    'Journal lines of an account, or of all accounts under a group, between from and to: opening balance, ' +
    `each line with its running balance (debit - credit), closing balance. Paged: limit (at most ${GL_PAGE_ROWS_MAX}) and offset.`,
  kind: 'statement',
  params: GeneralLedgerParams,
  sql: ROWS_SQL,
  totalsSql: TOTALS_SQL,
  columns: [
    column('posting_date', 'Date', 'date'),
    column('document_number', 'Document', 'text'),
    column('line_no', 'Line', 'integer'),
    column('account_code', 'Account', 'text'),
    column('account_name', 'Account name', 'text'),
    column('memo', 'Memo', 'text'),
    column('department', 'Department', 'text'),
    column('cost_center', 'Cost centre', 'text'),
    column('project', 'Project', 'text'),
    column('debit', 'Debit', 'money'),
    column('credit', 'Credit', 'money'),
    column('running_balance', 'Balance', 'money'),
  ],
  workbook: { sheet: 'General ledger', freezeHeader: true },
  async check(db, params) {
    const found = await db.query('select code from marts.dim_accounts where code = $account', {
      account: params.account,
    });
    return found.length > 0 ? [] : [accountNotFound(params.account)];
  },
  shape(raw, params) {
    const rows = raw.rows.map((row) => ({ ...row, drill: drillToJournal(String(row.document_number)) }));
    const totalRows = Number(raw.totals?.line_count ?? 0);
    const nextOffset = params.offset + rows.length;
    return {
      rows,
      totals: raw.totals,
      page: {
        limit: params.limit,
        offset: params.offset,
        total_rows: totalRows,
        next_offset: nextOffset < totalRows ? nextOffset : null,
      },
    };
  },
});

function accountNotFound(account: string): FieldError {
  return { path: 'account', code: 'account_not_found', message: `account ${account} does not exist` };
}
