// Year-end close: one journal (series 'year-end-close', YEC-…) dated on the last day of a fiscal year that
// moves the year's balance of every income-statement account into the retained-earnings account, per
// department × cost centre × project, so the next year starts from a result of zero and dimension-filtered
// balance sheets stay balanced.
//
// The rules, each refusal named after the rule it enforces:
// - fiscal_year_already_closed (409): the year has a closing journal that is not reversed. To close it again,
//   reverse that journal (on its own date) first.
// - fiscal_year_has_open_periods (422): every period of the year before its last one must be closed; the
//   errors list each open one. The closing entry is dated on the year's last day, inside the last period,
//   which must therefore still be open (period_is_closed otherwise): close it after the year.
// - previous_year_not_closed (422): an earlier fiscal year whose income-statement accounts still carry a
//   balance from its own postings, and which has no closing journal, must be closed first, so retained
//   earnings take the results year by year, in order. Years without a result never block.
// - retained_earnings_account_missing (422): the chart needs exactly one leaf with statement_line
//   retained_earnings (3300 in the seed chart).
// A year whose income-statement accounts all net to zero has nothing to close: 200 `nothing_to_close`.

import type { FiscalCalendar } from '../dates.ts';
import type { Database } from '../db/database.ts';
import { conflict, LedgerError } from '../errors.ts';
import { appendJournal, type Journal, type JournalLine } from '../journal.ts';
import { formatMoney, minorFromString } from '../money.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { LedgerState } from '../state.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { type Actor, journalBody, YEAR_END_CLOSE_TYPE } from './commands.ts';
import type { YearEndCloseInput } from './schema.ts';

export { YEAR_END_CLOSE_TYPE };
/** Lines of one closing journal at most (account × dimension combinations, plus their offsets). */
export const CLOSING_LINES_MAX = 50_000;

/** The year's balance (debit − credit) of one income-statement account in one dimension combination. */
interface ResultBalance {
  account: string;
  department: string | null;
  cost_center: string | null;
  project: string | null;
  balance: bigint;
}

export function closeFiscalYearCommand(actor: Actor, year: number, input: YearEndCloseInput): Command {
  return {
    name: 'fiscal_year.close',
    ...actor,
    request: { year, ...input },
    // Exclusive: it reads the year's balances and earlier closings from facts, so all before must be committed.
    exclusive: true,
    async run(ctx): Promise<CommandResult> {
      const closedBy = await closingJournalOf(ctx.db, year);
      if (closedBy) {
        const message = `fiscal year ${year} was closed by ${closedBy}; reverse that journal to close it again`;
        throw conflict('fiscal_year_already_closed', message, 'year');
      }
      checkPeriods(ctx.state, year);
      await checkPreviousYears(ctx.db, year);
      const retainedEarnings = await retainedEarningsAccount(ctx.db);
      const balances = await yearBalances(ctx.db, year);
      if (balances.length === 0) return nothingToClose(year);
      const journal = closingJournal(ctx.state.calendar, year, balances, retainedEarnings, input.memo);
      if (journal.lines.length > CLOSING_LINES_MAX) {
        const message = `a closing journal holds at most ${CLOSING_LINES_MAX} lines`;
        throw new LedgerError('too_large', 'closing_too_large', message);
      }
      return post(ctx, year, journal, netIncomeOf(balances), retainedEarnings);
    },
  };
}

function post(
  ctx: CommandContext,
  year: number,
  journal: Journal,
  netIncome: bigint,
  retainedEarnings: string,
): CommandResult {
  const posted = appendJournal(ctx, journal, { documentType: YEAR_END_CLOSE_TYPE });
  appendProcessEvent(ctx, {
    process: 'period_close',
    caseId: `FY${year}`,
    activity: 'fiscal_year_closed',
    documentType: YEAR_END_CLOSE_TYPE,
    documentNumber: posted.number,
    postingDate: posted.date,
  });
  const body = {
    ...journalBody(posted),
    fiscal_year: year,
    status: 'closed',
    date: posted.date,
    net_income: formatMoney(netIncome),
    retained_earnings_account: retainedEarnings,
  };
  return { status: 201, body, documentType: YEAR_END_CLOSE_TYPE, documentNumber: posted.number };
}

/** The unreversed closing journal of `year`, if any. */
async function closingJournalOf(db: Database, year: number): Promise<string | undefined> {
  const [row] = await db.query(
    `select closing.document_number
     from facts.journal_entries as closing
     where closing.document_type = $type
         and closing.reverses_document_number is null
         and closing.fiscal_year = $year
         and not exists (
             select 1 from facts.journal_entries as reversal
             where reversal.reverses_document_number = closing.document_number
         )
     order by closing.seq
     limit 1`,
    { type: YEAR_END_CLOSE_TYPE, year },
  );
  return row ? String(row.document_number) : undefined;
}

/** Every period before the last must be closed, the last one open (the closing entry is dated in it). */
function checkPeriods(state: LedgerState, year: number): void {
  const periods = state.calendar.periodsOf(year);
  const last = periods.at(-1) as string;
  const open = periods.slice(0, -1).filter((period) => !state.closedPeriods.has(period));
  if (open.length > 0) {
    const errors = open.map((period) => ({
      path: 'periods',
      code: 'period_is_open',
      message: `period ${period} is open; close it before the year`,
    }));
    const message = `fiscal year ${year} has open periods before ${last}: ${open.join(', ')}`;
    throw new LedgerError('rule_violated', 'fiscal_year_has_open_periods', message, errors);
  }
  const lastClosed = state.closedPeriods.get(last);
  if (lastClosed) {
    const message =
      `period ${last} was closed by ${lastClosed.closedBy}; the closing entry is dated on the year's last ` +
      'day, so reopen it, close the year, then close the period';
    throw new LedgerError('rule_violated', 'period_is_closed', message, [
      { path: 'year', code: 'period_is_closed', message },
    ]);
  }
}

/** Earlier fiscal years that had a result (income-statement balances from their own postings) and no close. */
async function checkPreviousYears(db: Database, year: number): Promise<void> {
  const rows = await db.query(
    `with results as (
         select entries.fiscal_year
         from facts.journal_lines as lines
         inner join facts.journal_entries as entries
             on lines.document_number = entries.document_number
         inner join ref.accounts as accounts
             on lines.account_code = accounts.code
         where accounts.statement = 'income_statement'
             and entries.fiscal_year < $year
         group by entries.fiscal_year, lines.account_code, lines.department, lines.cost_center, lines.project
         having sum(lines.debit - lines.credit) <> 0
     ),
     closed as (
         select closing.fiscal_year
         from facts.journal_entries as closing
         where closing.document_type = $type
             and closing.reverses_document_number is null
             and not exists (
                 select 1 from facts.journal_entries as reversal
                 where reversal.reverses_document_number = closing.document_number
             )
     )
     select distinct fiscal_year from results
     where fiscal_year not in (select fiscal_year from closed)
     order by fiscal_year`,
    { year, type: YEAR_END_CLOSE_TYPE },
  );
  if (rows.length === 0) return;
  const years = rows.map((row) => Number(row.fiscal_year));
  const errors = years.map((earlier) => ({
    path: 'year',
    code: 'previous_year_not_closed',
    message: `fiscal year ${earlier} has a result that is not closed; close it first`,
  }));
  const message = `close the earlier fiscal years first: ${years.join(', ')}`;
  throw new LedgerError('rule_violated', 'previous_year_not_closed', message, errors);
}

/** The one leaf account the chart maps to the retained_earnings line. */
async function retainedEarningsAccount(db: Database): Promise<string> {
  const rows = await db.query(
    `select code from ref.accounts
     where statement_line = 'retained_earnings' and type = 'equity' and not is_group
     order by code`,
  );
  if (rows.length === 1) return String(rows[0]?.code);
  const found = rows.map((row) => row.code).join(', ') || 'none';
  const message = `the chart needs exactly one leaf equity account on the retained_earnings line (found ${found})`;
  throw new LedgerError('rule_violated', 'retained_earnings_account_missing', message);
}

/** Income-statement balances of the year per account and dimension combination, every posting included. */
async function yearBalances(db: Database, year: number): Promise<ResultBalance[]> {
  const rows = await db.query(
    `select lines.account_code, lines.department, lines.cost_center, lines.project,
            sum(lines.debit - lines.credit)::decimal(18, 2) as balance
     from facts.journal_lines as lines
     inner join facts.journal_entries as entries
         on lines.document_number = entries.document_number
     inner join ref.accounts as accounts
         on lines.account_code = accounts.code
     where accounts.statement = 'income_statement'
         and entries.fiscal_year = $year
     group by all
     having sum(lines.debit - lines.credit) <> 0
     order by min(accounts.sort_order), lines.account_code, lines.department nulls first,
         lines.cost_center nulls first, lines.project nulls first`,
    { year },
  );
  return rows.map((row) => ({
    account: String(row.account_code),
    department: (row.department as string | null) ?? null,
    cost_center: (row.cost_center as string | null) ?? null,
    project: (row.project as string | null) ?? null,
    balance: minorFromString(row.balance as string),
  }));
}

/** Credit − debit of every income-statement account: the year's profit (negative: a loss). */
function netIncomeOf(balances: ResultBalance[]): bigint {
  return -balances.reduce((sum, item) => sum + item.balance, 0n);
}

/**
 * Each balance reversed on its own account, and per dimension combination one retained-earnings line taking
 * the combination's net, so the journal balances within every combination (a filtered balance sheet needs no
 * clearing line for it).
 */
function closingJournal(
  calendar: FiscalCalendar,
  year: number,
  balances: ResultBalance[],
  retainedEarnings: string,
  memo: string | undefined,
): Journal {
  const lines: JournalLine[] = [];
  const nets = new Map<string, { dims: Dimensions; net: bigint }>();
  for (const item of balances) {
    const dims = dimensionsOf(item);
    lines.push({ account: item.account, ...sides(-item.balance), ...dims, memo: `close FY${year}` });
    const key = JSON.stringify([item.department, item.cost_center, item.project]);
    const entry = nets.get(key) ?? { dims, net: 0n };
    entry.net += item.balance;
    nets.set(key, entry);
  }
  for (const { dims, net } of nets.values()) {
    if (net === 0n) continue;
    lines.push({ account: retainedEarnings, ...sides(net), ...dims, memo: `result FY${year}` });
  }
  return {
    date: calendar.endOf(year),
    memo: memo ?? `Year-end close FY${year}: result to retained earnings`,
    reference: `FY${year}`,
    lines,
  };
}

type Dimensions = Pick<JournalLine, 'department' | 'cost_center' | 'project'>;

function dimensionsOf(item: ResultBalance): Dimensions {
  return {
    ...(item.department ? { department: item.department } : {}),
    ...(item.cost_center ? { cost_center: item.cost_center } : {}),
    ...(item.project ? { project: item.project } : {}),
  };
}

/** A signed amount (debit − credit) as the side it is posted on. */
function sides(amount: bigint): Pick<JournalLine, 'debit' | 'credit'> {
  return amount > 0n ? { debit: amount } : { credit: -amount };
}

function nothingToClose(year: number): CommandResult {
  const body = {
    id: null,
    number: null,
    fiscal_year: year,
    status: 'nothing_to_close',
    net_income: '0.00',
    message: `the income-statement accounts of fiscal year ${year} hold no balance; nothing is posted`,
  };
  return { status: 200, body };
}
