// General ledger: the lines of an account, or of every leaf under a group, for a range, with the opening
// balance and a running balance; paged. The drill-down target of every statement line.
import { z } from 'zod';
import { Code, formatMoney, LedgerError, POSTED_JOURNAL_LINES_MAX } from '../../ingest/index.ts';
import { minorFromString } from '../../ingest/money.ts';
import { type BindValue, column, defineReport, pageInfo, type ReportDb, type Row } from '../definition.ts';
import {
  checkRangeOrder,
  dateRange,
  dimensionFilters,
  GL_PAGE_ROWS_DEFAULT,
  GL_PAGE_ROWS_MAX,
} from '../params.ts';
import { drillToJournal } from './drill.ts';
import { accountNotFound, dimensionFilter, inAccounts } from './fragments.ts';
import { leafChart, leafScope } from './kept.ts';
import { ledgerIndex } from './ledger-index.ts';
import { type PageWindow, pageWindow, rangeFigures } from './ledger-pages.ts';

export const GeneralLedgerParams = z
  .strictObject({
    account: Code,
    ...dateRange,
    ...dimensionFilters,
    limit: z.coerce.number().int().min(1).max(GL_PAGE_ROWS_MAX).default(GL_PAGE_ROWS_DEFAULT),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .superRefine(checkRangeOrder);

/** The leaf accounts in scope, resolved before the query runs, as one comma-joined constant. */
const IN_SCOPE = inAccounts('accounts');

/**
 * The lines of a page's window (pageWindow): those of the scope from its low key (inclusive) to its high key
 * (exclusive), within its seq span, so DuckDB's zone maps skip every row group but a few. They are read
 * from the facts, which hold the marts' lines and their words (memo, party) too; the index was built from
 * the marts, and `shape` checks that the window holds the lines it counted, and puts them in reading order
 * (a sort of a page's lines costs DuckDB more in fixed costs than it does JavaScript). An entry's memo is its
 * header's: the first header after the line (appendJournal writes a journal's lines, then its header), at
 * most POSTED_JOURNAL_LINES_MAX seqs above. Without dimension filters the statement leaves their
 * conditions out: every bound parameter costs DuckDB's binder.
 */
const windowSql = (dimensions: boolean) => `
with

window_lines as (
    select
        seq,
        posting_date,
        document_type,
        document_number,
        line_no,
        account_code,
        memo,
        department,
        cost_center,
        project,
        party,
        debit,
        credit
    from facts.journal_lines
    where ${IN_SCOPE}${
      dimensions
        ? `
        and ${dimensionFilter()}`
        : ''
    }
        and seq between cast($low_seq_bound as bigint) and cast($high_seq_bound as bigint)
        and posting_date between cast($low_date as date) and cast($high_date as date)
        and (posting_date > cast($low_date as date) or seq >= cast($low_seq as bigint))
        and (posting_date < cast($high_date as date) or seq < cast($high_seq as bigint))
),

entry_words as (
    select seq, memo
    from facts.journal_entries
    where seq between cast($low_seq_bound as bigint)
        and cast($high_seq_bound as bigint) + ${POSTED_JOURNAL_LINES_MAX}
)

select
    window_lines.seq::varchar as seq,
    window_lines.posting_date,
    window_lines.document_type,
    window_lines.document_number,
    window_lines.line_no,
    window_lines.account_code,
    coalesce(window_lines.memo, entry_words.memo) as memo,
    window_lines.department,
    window_lines.cost_center,
    window_lines.project,
    window_lines.party,
    window_lines.debit,
    window_lines.credit
from window_lines
asof left join entry_words
    on window_lines.seq < entry_words.seq`;

const WINDOW_SQL = windowSql(false);
const WINDOW_SQL_BY_DIMENSIONS = windowSql(true);

/** Bounds that select nothing: the window of an empty page. */
const NO_WINDOW = {
  low_date: null,
  low_seq: null,
  high_date: null,
  high_seq: null,
  low_seq_bound: '1',
  high_seq_bound: '0',
  window_lines: 0,
  skip: 0,
  take: 0,
  balance_before: '0',
};

export const generalLedger = defineReport({
  id: 'general-ledger',
  title: 'General ledger',
  description:
    'Journal lines of an account, or of all accounts under a group, between from and to: opening balance, ' +
    `each line with its running balance (debit - credit), closing balance. Paged: limit (at most ${GL_PAGE_ROWS_MAX}) and offset.`,
  kind: 'statement',
  params: GeneralLedgerParams,
  sql: (params) =>
    params.department || params.cost_center || params.project ? WINDOW_SQL_BY_DIMENSIONS : WINDOW_SQL,
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
  // The range's figures and the page's window come from the scope's page index (ledger-index.ts), so the
  // one query reads the page's lines alone. The scope of an account that exists is never empty (a group
  // without leaves aside), so whether the account exists is only asked when the scope comes back empty.
  async resolve(db, params) {
    const codes = await leafScope(db, params.account);
    if (codes.length === 0) await refuseUnknownAccount(db, params.account);
    const scope = {
      accounts: codes.join(','),
      department: params.department ?? null,
      cost_center: params.cost_center ?? null,
      project: params.project ?? null,
    };
    const index = await ledgerIndex(db, scope);
    const range = rangeFigures(index, params.from, params.to);
    const window = pageWindow(index, range, params.offset, params.limit);
    return {
      accounts: scope.accounts,
      opening: formatMoney(range.opening),
      range_debit: formatMoney(range.debit),
      range_credit: formatMoney(range.credit),
      closing: formatMoney(range.opening + range.debit - range.credit),
      line_count: range.lineCount,
      ...(window ? windowBindings(window) : NO_WINDOW),
    };
  },
  reference: (db) => leafChart(db),
  shape(raw, params) {
    const resolved = raw.resolved ?? {};
    const expected = Number(resolved.window_lines);
    if (raw.rows.length !== expected)
      throw new Error(
        `the general-ledger index expected ${expected} lines of ${String(resolved.accounts)} and read ${raw.rows.length}`,
      );
    const names = accountNames(raw.reference ?? []);
    const skip = Number(resolved.skip);
    const take = Number(resolved.take);
    let balance = minorFromString(String(resolved.balance_before));
    const rows: Row[] = [];
    raw.rows.sort(inReadingOrder).forEach(({ seq: _seq, ...line }, i) => {
      const amount = minorFromString(String(line.debit)) - minorFromString(String(line.credit));
      balance += amount;
      if (i < skip || i >= skip + take) return;
      rows.push({
        row_number: params.offset + rows.length + 1,
        ...line,
        account_name: names.get(String(line.account_code)) ?? null,
        amount: formatMoney(amount),
        running_balance: formatMoney(balance),
        drill: drillToJournal(String(line.document_number)),
      });
    });
    const lineCount = Number(resolved.line_count);
    const totals = {
      opening: resolved.opening,
      debit: resolved.range_debit,
      credit: resolved.range_credit,
      closing: resolved.closing,
      line_count: lineCount,
    };
    return { rows, totals, page: pageInfo(params, rows.length, lineCount) };
  },
});

/** Posting date, then seq (decimal text without leading zeros: the shorter is the smaller). */
function inReadingOrder(a: Row, b: Row): number {
  const [dateA, dateB] = [String(a.posting_date), String(b.posting_date)];
  if (dateA !== dateB) return dateA < dateB ? -1 : 1;
  const [seqA, seqB] = [String(a.seq), String(b.seq)];
  if (seqA.length !== seqB.length) return seqA.length - seqB.length;
  return seqA < seqB ? -1 : seqA > seqB ? 1 : 0;
}

/** Throws the field error `account_not_found` (422) when the chart holds no account `account`. */
async function refuseUnknownAccount(db: ReportDb, account: string): Promise<void> {
  const found = await db.query('select code from marts.dim_accounts where code = $account', { account });
  if (found.length > 0) return;
  const problem = accountNotFound(account);
  throw new LedgerError('invalid', problem.code, problem.message, [problem]);
}

/** A page window as bind values (seqs as text: a bigint is no bind value). */
function windowBindings(window: PageWindow): Record<string, BindValue> {
  return {
    low_date: window.lowDate,
    low_seq: String(window.lowSeq),
    high_date: window.highDate,
    high_seq: String(window.highSeq),
    low_seq_bound: String(window.lowSeqBound),
    high_seq_bound: String(window.highSeqBound),
    window_lines: window.lines,
    skip: window.skip,
    take: window.take,
    balance_before: formatMoney(window.balanceBefore),
  };
}

/** Account code to name, per kept chart (the chart's rows are kept until a transform publishes). */
const namesByChart = new WeakMap<Row[], Map<string, string>>();

function accountNames(chart: Row[]): Map<string, string> {
  let names = namesByChart.get(chart);
  if (!names) {
    names = new Map(chart.map((row) => [String(row.account), String(row.name)]));
    namesByChart.set(chart, names);
  }
  return names;
}
