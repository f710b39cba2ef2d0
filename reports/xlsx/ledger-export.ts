// The general ledger as a workbook, whole: every line of the range (of one account or group, or of all),
// by account, date and seq, with each account's running balance from its opening balance. Streamed
// (streamed-sheet.ts), so memory stays bounded however many lines the range holds.
import type { Writable } from 'node:stream';
import type { DuckDBConnection } from '@duckdb/node-api';
import { LedgerError } from '../../ingest/index.ts';
import { column } from '../definition.ts';
import {
  accountNotFound,
  BEGINNING,
  cutsBefore,
  dimensionFilter,
  LEAF_SCOPE_SQL,
  movementsBetween,
} from '../statements/fragments.ts';
import { EXACT_AMOUNT_MAX } from './cells.ts';
import { LINE_COLUMNS, LINE_ORDER, WORDS_CTES, WORDS_JOINS } from './line-words.ts';
import {
  checkSheetRows,
  STREAMED_ROWS_MAX,
  type StreamedSheet,
  sheetValuesSql,
  writeStreamedSheet,
} from './streamed-sheet.ts';

export { EXPORT_PROCESS_MEMORY_LIMIT } from './streamed-sheet.ts';

/** Lines one export may hold: a sheet holds 1 048 576 rows, less the header and the totals. */
export const LEDGER_EXPORT_LINES_MAX = STREAMED_ROWS_MAX;

export interface LedgerExportParams {
  from: string;
  to: string;
  /** An account, or a group standing for every account below it; every account when absent. */
  account?: string | null;
  department?: string | null;
  cost_center?: string | null;
  project?: string | null;
}

const COLUMNS = [
  column('account_code', 'Account', 'text'),
  column('account_name', 'Account name', 'text'),
  column('posting_date', 'Date', 'date'),
  column('document_number', 'Document', 'text'),
  column('line_no', 'Line', 'integer'),
  column('memo', 'Memo', 'text'),
  column('department', 'Department', 'text'),
  column('cost_center', 'Cost centre', 'text'),
  column('project', 'Project', 'text'),
  column('debit', 'Debit', 'money'),
  column('credit', 'Credit', 'money'),
  column('running_balance', 'Balance', 'money'),
];

const SHEET: StreamedSheet = {
  name: 'General ledger',
  columns: COLUMNS,
  wide: ['account_name', 'memo'],
  summed: ['debit', 'credit'],
};

/** The sheet's values but the running balance, which is summed while the rows stream (RunningBalance). */
const SHEET_VALUES = sheetValuesSql(COLUMNS.filter((def) => def.name !== 'running_balance'));

const IN_SCOPE = `(cast($account as varchar) is null or account_code in (${LEAF_SCOPE_SQL}))`;

const RANGE_LINES_CTE = `range_lines as (
    select seq, posting_date, document_number, line_no, account_code, department, cost_center, project,
        debit, credit, amount
    from marts.fct_journal_lines
    where posting_date between cast($from as date) and cast($to as date)
        and ${IN_SCOPE}
        and ${dimensionFilter()}
)`;

/** Each account's balance before the range, in cents (whole numbers, exact as doubles; see EXACT_CENTS_MAX). */
const openingSql = (from: string | null) => `
select account_code, (sum(amount) * 100)::double as cents
from (${movementsBetween(BEGINNING, 'cast($from as date) - 1', cutsBefore(from))})
where ${IN_SCOPE}
group by account_code`;

/**
 * The lines in the sheet's order, each with its amount in cents: the running balance is summed while the rows
 * stream (an account's opening plus its amounts so far), as a window in DuckDB would, but without
 * materialising and sorting the lines twice.
 */
const LINES_SQL = `
with

${RANGE_LINES_CTE},

${WORDS_CTES},

lines as (
    select
        ${LINE_COLUMNS},
        (range_lines.amount * 100)::double as amount_cents
    from range_lines
    ${WORDS_JOINS}
    ${LINE_ORDER}
)

select ${SHEET_VALUES}, amount_cents
from lines`;

const COUNT_SQL = `
select count(*)::bigint as lines
from marts.fct_journal_lines
where posting_date between cast($from as date) and cast($to as date)
    and ${IN_SCOPE}
    and ${dimensionFilter()}`;

function boundValues(params: LedgerExportParams) {
  const values: Record<string, string | null> = {
    from: params.from,
    to: params.to,
    account: params.account ?? null,
    department: params.department ?? null,
    cost_center: params.cost_center ?? null,
    project: params.project ?? null,
  };
  return (sql: string) =>
    Object.fromEntries(Object.entries(values).filter(([name]) => sql.includes(`$${name}`)));
}

/** The lines an export would write; throws LedgerError for an unknown account or more lines than a sheet holds. */
export async function checkLedgerExport(
  connection: DuckDBConnection,
  params: LedgerExportParams,
  linesMax = LEDGER_EXPORT_LINES_MAX,
): Promise<number> {
  if (params.account) {
    const found = await connection.runAndReadAll(
      'select code from marts.dim_accounts where code = $account',
      {
        account: params.account,
      },
    );
    if (found.currentRowCount === 0) {
      const problem = accountNotFound(params.account);
      throw new LedgerError('invalid', problem.code, problem.message, [problem]);
    }
  }
  return checkSheetRows(connection, COUNT_SQL, boundValues(params)(COUNT_SQL), 'lines', linesMax);
}

/**
 * Whole cents as doubles are exact up to 2^53; the balances are kept far below that (the amounts a
 * spreadsheet holds to the cent, EXACT_AMOUNT_MAX), so every sum of them is exact too.
 */
const EXACT_CENTS_MAX = EXACT_AMOUNT_MAX * 100;

/** Each account's running balance down the sorted lines, in exact whole cents, shown in units. */
class RunningBalance {
  private account: string | null = null;
  private cents = 0;

  constructor(private readonly openingCents: ReadonlyMap<string, number>) {}

  /** The balance after each line of a chunk, given its accounts and amounts in cents. */
  along(accounts: readonly string[], amounts: readonly number[]): number[] {
    const balances = new Array<number>(amounts.length);
    for (let index = 0; index < amounts.length; index++) {
      const account = accounts[index] as string;
      if (account !== this.account) {
        this.account = account;
        this.cents = this.openingCents.get(account) ?? 0;
      }
      this.cents += amounts[index] as number;
      if (Math.abs(this.cents) > EXACT_CENTS_MAX)
        throw new Error(`the balance of ${account} is beyond what a spreadsheet holds to the cent`);
      balances[index] = this.cents / 100;
    }
    return balances;
  }
}

/** Writes the workbook to `output` (checked first with checkLedgerExport) and returns the lines written. */
export async function writeLedgerExport(
  connection: DuckDBConnection,
  params: LedgerExportParams,
  output: Writable,
): Promise<number> {
  const bind = boundValues(params);
  const openingQuery = openingSql(params.from);
  const openings = await connection.runAndReadAll(openingQuery, bind(openingQuery));
  const openingCents = new Map(
    openings.getRowObjectsJS().map((row) => [String(row.account_code), Number(row.cents)] as const),
  );
  const balance = new RunningBalance(openingCents);
  return writeStreamedSheet(connection, output, SHEET, LINES_SQL, bind(LINES_SQL), (columns) => {
    const cents = columns.pop() as number[];
    columns.push(balance.along(columns[0] as string[], cents));
    return columns;
  });
}
