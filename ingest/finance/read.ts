// Reading journals and accounts back: by number, and as filtered, paged lists.
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';

/** Rows in one page of a list at most. */
export const PAGE_ROWS_MAX = 500;
export const PAGE_ROWS_DEFAULT = 50;

export async function getJournal(db: Database, number: string) {
  const [entry] = await db.query(
    `select e.document_number as number, e.document_type, e.posting_date as date, e.fiscal_year, e.memo, e.reference,
            e.source_document_type, e.source_document_number, e.reverses_document_number as reverses,
            r.document_number as reversed_by, e.total_debit as total, e.line_count, strftime(e.recorded_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') as recorded_at, e.user_name,
            e.seq::varchar as seq
     from facts.journal_entries e
     left join facts.journal_entries r on r.reverses_document_number = e.document_number
     where e.document_number = ?`,
    [number],
  );
  if (!entry) throw notFound('journal_not_found', `journal ${number} does not exist`, 'number');
  const lines = await db.query(
    `select line_no, account_code as account, debit, credit, department, cost_center, project, party, memo
     from facts.journal_lines where document_number = ? order by line_no`,
    [number],
  );
  return { ...entry, lines };
}

export interface JournalFilter {
  from?: string;
  to?: string;
  account?: string;
  reference?: string;
  user?: string;
  limit: number;
  offset: number;
}

/** Journals newest first, filtered; `total` counts all matches so a client can page. */
export async function listJournals(db: Database, filter: JournalFilter) {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.from) {
    where.push('e.posting_date >= $from::date');
    params.from = filter.from;
  }
  if (filter.to) {
    where.push('e.posting_date <= $to::date');
    params.to = filter.to;
  }
  if (filter.reference) {
    where.push('e.reference = $reference');
    params.reference = filter.reference;
  }
  if (filter.user) {
    where.push('e.user_name = $user');
    params.user = filter.user;
  }
  if (filter.account) {
    where.push(
      'exists (select 1 from facts.journal_lines l where l.document_number = e.document_number and l.account_code = $account)',
    );
    params.account = filter.account;
  }
  const clause = where.length > 0 ? `where ${where.join(' and ')}` : '';
  const [count] = await db.query(
    `select count(*)::integer as n from facts.journal_entries e ${clause}`,
    params,
  );
  const rows = await db.query(
    `select e.document_number as number, e.posting_date as date, e.memo, e.reference, e.total_debit as total,
            e.line_count, e.reverses_document_number as reverses, e.user_name,
            strftime(e.recorded_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') as recorded_at
     from facts.journal_entries e ${clause}
     order by e.seq desc limit ${filter.limit} offset ${filter.offset}`,
    params,
  );
  return { total: Number(count?.n ?? 0), limit: filter.limit, offset: filter.offset, rows };
}

export async function listAccounts(db: Database) {
  return db.query(
    `select code, name, type, parent_code, is_group, normal_balance, statement, statement_section, statement_line,
            cash_flow_category, cash_flow_line, sort_order
     from ref.accounts order by sort_order, code`,
  );
}

/** Periods of every fiscal year with postings (and the current one), with their status and activity. */
export async function listPeriods(
  db: Database,
  fiscalYears: number[],
  periodsOf: (year: number) => string[],
) {
  const activity = await db.query(
    `select strftime(posting_date, '%Y-%m') as period, count(*)::integer as journals
     from facts.journal_entries group by all`,
  );
  const events = await db.query(
    `select period, action, strftime(recorded_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') as recorded_at, user_name
     from facts.period_events
     qualify row_number() over (partition by period order by seq desc) = 1`,
  );
  const journals = new Map(activity.map((row) => [String(row.period), Number(row.journals)]));
  const last = new Map(events.map((row) => [String(row.period), row]));
  return fiscalYears.flatMap((year) =>
    periodsOf(year).map((period) => {
      const event = last.get(period);
      const closed = event?.action === 'close';
      return {
        period,
        fiscal_year: year,
        status: closed ? 'closed' : 'open',
        closed_at: closed ? event?.recorded_at : null,
        closed_by: closed ? event?.user_name : null,
        journals: journals.get(period) ?? 0,
      };
    }),
  );
}

export async function fiscalYearsWithPostings(db: Database): Promise<number[]> {
  const rows = await db.query('select distinct fiscal_year from facts.journal_entries order by 1');
  return rows.map((row) => Number(row.fiscal_year));
}
