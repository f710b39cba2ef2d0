// The words of general-ledger lines for the workbooks: fct_journal_lines keeps keys and amounts, so a line's
// memo (else its entry's) comes from the facts, and its account's name from dim_accounts. Shared by the
// drill-down sheet (ledger-lines.ts) and the streamed general ledger (ledger-export.ts); both select from a
// `range_lines` CTE of the mart's lines.
import { POSTED_JOURNAL_LINES_MAX } from '../../ingest/index.ts';

/**
 * The facts' words within the seqs the range spans: a line's own row, and its entry's header, the first
 * header after it (appendJournal writes a journal's lines, then its header), at most
 * POSTED_JOURNAL_LINES_MAX above. Bounded by seq, so DuckDB reads only those row groups.
 */
export const WORDS_CTES = `line_words as (
    select seq, memo
    from facts.journal_lines
    where seq between (select min(seq) from range_lines) and (select max(seq) from range_lines)
),

entry_words as (
    select seq, memo
    from facts.journal_entries
    where seq between (select min(seq) from range_lines)
        and (select max(seq) from range_lines) + ${POSTED_JOURNAL_LINES_MAX}
)`;

/** The columns of a line as the workbooks show it, from range_lines and the joins of WORDS_JOINS. */
export const LINE_COLUMNS = `range_lines.account_code,
    accounts.name as account_name,
    range_lines.posting_date,
    range_lines.document_number,
    range_lines.line_no::integer as line_no,
    coalesce(line_words.memo, entry_words.memo) as memo,
    range_lines.department,
    range_lines.cost_center,
    range_lines.project,
    range_lines.debit,
    range_lines.credit`;

export const WORDS_JOINS = `left join line_words
    on range_lines.seq = line_words.seq
asof left join entry_words
    on range_lines.seq < entry_words.seq
left join marts.dim_accounts as accounts
    on range_lines.account_code = accounts.code`;

export const LINE_ORDER = 'order by range_lines.account_code, range_lines.posting_date, range_lines.seq';
