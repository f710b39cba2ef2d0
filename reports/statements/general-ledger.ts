// General ledger: the lines of an account, or of every leaf under a group, for a range, with the opening
// balance and a running balance; paged. The drill-down target of every statement line.
import { z } from 'zod';
import { Code, formatMoney, LedgerError, POSTED_JOURNAL_LINES_MAX } from '../../ingest/index.ts';
import { minorFromString } from '../../ingest/money.ts';
import { bindNamed } from '../bind.ts';
import { type BindValue, column, defineReport, pageInfo, type ReportDb, type Row } from '../definition.ts';
import {
  checkRangeOrder,
  dateRange,
  dimensionFilters,
  GL_PAGE_ROWS_DEFAULT,
  GL_PAGE_ROWS_MAX,
} from '../params.ts';
import { drillToJournal } from './drill.ts';
import {
  accountNotFound,
  addDays,
  BEGINNING,
  cutsBefore,
  cutsKey,
  dimensionFilter,
  inAccounts,
  type MonthCuts,
  monthSplitBindings,
  movementsBetween,
  shapeCache,
} from './fragments.ts';
import { leafScope } from './kept.ts';

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

/** The leaf accounts in scope, resolved before the queries run, as one comma-joined constant. */
const IN_SCOPE = inAccounts('accounts');

/** The lines of the scope in the range: a constant account filter and a date range skip row groups. */
const RANGE_LINES = `
    from marts.fct_journal_lines
    where ${IN_SCOPE}
        and posting_date between ${FROM} and ${TO}
        and ${dimensionFilter()}`;

/** The keys of the page's lines in reading order, and the sequence numbers they span: narrow, so cheap to order. */
const PAGE_KEYS_SQL = `
select
    seq::varchar as seq,
    posting_date,
    (min(seq) over ())::varchar as seq_low,
    (max(seq) over ())::varchar as seq_high
from (
    select seq, posting_date
    ${RANGE_LINES}
    order by posting_date, seq
    limit $limit
    offset $offset
) as page_keys
order by posting_date, seq`;

/** The balance before the range: whole months from the balances, plus the days of a cut month. */
const opening = (cuts: MonthCuts) => `
opening as (
    select coalesce(sum(amount), 0) as amount
    from (${movementsBetween(BEGINNING, `${FROM} - 1`, cuts, 'opening', IN_SCOPE)})
)`;

/**
 * The page's lines, found between its first and last key (and so within their sequence numbers), with the
 * running balance within the range: every line of the range before the page + the page's lines so far;
 * `shape` adds the opening balance, which the totals query works out beside this one. The mart
 * holds keys and amounts; the words of the page's lines (memo, party) and their entries' memos come from the
 * facts, for these lines only, by sequence number alone (no text compared): a line's seq lies in the page's
 * span, and its entry's header is the first header after it (appendJournal writes a journal's lines, then
 * its header), at most POSTED_JOURNAL_LINES_MAX above, so both lookups read a few row groups.
 */
const rowsSql = (firstPage: boolean) => `
with

${
  // Nothing of the range comes before the first page.
  firstPage
    ? `before_page as (
    select 0 as amount
),`
    : `before_page as (
    select coalesce(sum(amount), 0) as amount
    ${RANGE_LINES}
        and posting_date <= cast($first_date as date)
        and (posting_date < cast($first_date as date) or seq < cast($first_seq as bigint))
),`
}

page as (
    select
        seq,
        posting_date,
        document_type,
        document_number,
        line_no,
        account_code,
        department,
        cost_center,
        project,
        debit,
        credit,
        amount
    ${RANGE_LINES}
        and seq between cast($seq_low as bigint) and cast($seq_high as bigint)
        and posting_date between cast($first_date as date) and cast($last_date as date)
        and (posting_date > cast($first_date as date) or seq >= cast($first_seq as bigint))
        and (posting_date < cast($last_date as date) or seq <= cast($last_seq as bigint))
),

line_words as (
    select seq, memo, party
    from facts.journal_lines
    where seq between cast($seq_low as bigint) and cast($seq_high as bigint)
),

entry_words as (
    select seq, memo
    from facts.journal_entries
    where seq between cast($seq_low as bigint) and cast($seq_high as bigint) + ${POSTED_JOURNAL_LINES_MAX}
)

select
    (row_number() over (order by page.posting_date, page.seq) + $offset)::integer as row_number,
    page.posting_date,
    page.document_type,
    page.document_number,
    page.line_no::integer as line_no,
    page.account_code,
    accounts.name as account_name,
    coalesce(line_words.memo, entry_words.memo) as memo,
    page.department,
    page.cost_center,
    page.project,
    line_words.party,
    page.debit,
    page.credit,
    page.amount,
    ((select amount from before_page)
        + sum(page.amount) over (
            order by page.posting_date, page.seq rows between unbounded preceding and current row
        )
    )::decimal(18, 2) as range_balance
from page
left join line_words
    on page.seq = line_words.seq
asof left join entry_words
    on page.seq < entry_words.seq
left join marts.dim_accounts as accounts
    on page.account_code = accounts.code
order by page.posting_date, page.seq`;

const totalsSql = (cuts: MonthCuts) => `
with

${opening(cuts)},

range_totals as (
    select
        coalesce(sum(debit), 0) as debit,
        coalesce(sum(credit), 0) as credit,
        coalesce(sum(amount), 0) as amount,
        count(*) as line_count
    ${RANGE_LINES}
)

select
    (select amount from opening)::decimal(18, 2) as opening,
    debit::decimal(18, 2) as debit,
    credit::decimal(18, 2) as credit,
    ((select amount from opening) + amount)::decimal(18, 2) as closing,
    line_count::integer as line_count
from range_totals`;

export const generalLedger = defineReport({
  id: 'general-ledger',
  title: 'General ledger',
  description:
    'Journal lines of an account, or of all accounts under a group, between from and to: opening balance, ' +
    `each line with its running balance (debit - credit), closing balance. Paged: limit (at most ${GL_PAGE_ROWS_MAX}) and offset.`,
  kind: 'statement',
  params: GeneralLedgerParams,
  sql: (params) => {
    const firstPage = params.offset === 0;
    return cached(`rows:${firstPage}`, () => rowsSql(firstPage));
  },
  totalsSql: (params) => byShape('totals', params.from, totalsSql),
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
  workbook: { sheet: 'General ledger', freezeHeader: true, withoutLedgerLines: true },
  // One round trip less on every page: the scope of an account that exists is never empty (a group without
  // leaves aside), so whether the account exists is only asked when the scope comes back empty.
  async resolve(db, params) {
    const scope = await leafScope(db, params.account);
    if (scope.length === 0) await refuseUnknownAccount(db, params.account);
    const accounts = scope.join(',');
    const keys = await db.query(PAGE_KEYS_SQL, bindNamed(PAGE_KEYS_SQL, { ...params, accounts }));
    return {
      accounts,
      ...pageBounds(keys),
      ...monthSplitBindings('opening', null, addDays(params.from, -1)),
    };
  },
  shape(raw, params) {
    const opening = minorFromString(raw.totals?.opening === undefined ? '0' : String(raw.totals.opening));
    const rows = raw.rows.map(({ range_balance: rangeBalance, ...row }) => ({
      ...row,
      running_balance: formatMoney(opening + minorFromString(String(rangeBalance))),
      drill: drillToJournal(String(row.document_number)),
    }));
    const page = pageInfo(params, rows.length, Number(raw.totals?.line_count ?? 0));
    return { rows, totals: raw.totals, page };
  },
});

const cached = shapeCache();

/** Throws the field error `account_not_found` (422) when the chart holds no account `account`. */
async function refuseUnknownAccount(db: ReportDb, account: string): Promise<void> {
  const found = await db.query('select code from marts.dim_accounts where code = $account', { account });
  if (found.length > 0) return;
  const problem = accountNotFound(account);
  throw new LedgerError('invalid', problem.code, problem.message, [problem]);
}

function byShape(part: string, from: string, build: (cuts: MonthCuts) => string): string {
  const cuts = cutsBefore(from);
  return cached(`${part}:${cutsKey(cuts)}`, () => build(cuts));
}

/** Where a page lies: its first and last key (posting date, seq) and the sequence numbers it spans. */
function pageBounds(keys: Row[]): Record<string, BindValue> {
  const first = keys[0];
  const last = keys.at(-1);
  if (!first || !last) {
    return {
      first_date: null,
      first_seq: null,
      last_date: null,
      last_seq: null,
      seq_low: null,
      seq_high: null,
    };
  }
  return {
    first_date: String(first.posting_date),
    first_seq: String(first.seq),
    last_date: String(last.posting_date),
    last_seq: String(last.seq),
    seq_low: String(first.seq_low),
    seq_high: String(first.seq_high),
  };
}
