// What the statement benchmark asks for: each statement's API path and query, its SQL over any source, and the
// key figures read back from our JSON and from the raw rows, so every contender is checked to agree.
import { LAST_DATE } from './generate.ts';
import {
  balanceSheetSql,
  cashFlowSql,
  generalLedgerSql,
  incomeStatementSql,
  type Source,
  trialBalanceSql,
} from './statement-queries.ts';

export type Row = Record<string, unknown>;
/** Money figures as canonical decimal strings ("-12.30"), or counts and keys as text. */
export type Figures = Record<string, string>;

export interface StatementCase {
  label: string;
  id: string;
  path: string;
  query: Record<string, string>;
  sql(source: Source): string[];
  // biome-ignore lint/suspicious/noExplicitAny: the statement JSON as the API sends it, read field by field
  oursFigures(body: any): Figures;
  rawFigures(results: Row[][]): Figures;
}

/** The last of the two generated fiscal years (fiscal years start in January). */
const YEAR_FROM = `${LAST_DATE.slice(0, 4)}-01-01`;
const YEAR_TO = LAST_DATE;
/** A busy account (the operating bank account) over one month, first page. */
const GL_ACCOUNT = '1130';
const GL_FROM = `${LAST_DATE.slice(0, 4)}-06-01`;
const GL_TO = `${LAST_DATE.slice(0, 4)}-06-30`;
const GL_LIMIT = 100;
/** The same account over the whole year, deep in its pages: page 2,001 of about 2,500. */
const GL_DEEP_OFFSET = 200_000;

/** A decimal amount as integer cents, whatever text the engine printed for it (PostgreSQL or DuckDB). */
function cents(value: unknown): bigint {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(String(value ?? '0'));
  if (!match) throw new Error(`not a decimal: ${String(value)}`);
  const magnitude = BigInt(`${match[2] || '0'}${`${match[3] ?? ''}00`.slice(0, 2)}`);
  return match[1] === '-' ? -magnitude : magnitude;
}

function fromCents(value: bigint): string {
  const magnitude = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
}

/** A money figure in one canonical form ("-12.30"). */
export function money(value: unknown): string {
  return fromCents(cents(value));
}

function sum(rows: Row[], field: string): string {
  return fromCents(rows.reduce((total, row) => total + cents(row[field]), 0n));
}

/** The amount of the rollup row of `kind` whose `key` column is `value` ('0.00' when the row is absent). */
function rolled(rows: Row[], kind: string, key: string, value: string | null, field = 'amount'): string {
  const row = rows.find(
    (candidate) => candidate.kind === kind && (value === null || candidate[key] === value),
  );
  return money(row?.[field] ?? '0');
}

const first = (results: Row[][]) => results[0] ?? [];

export const CASES: StatementCase[] = [
  {
    label: `trial balance as of ${LAST_DATE}`,
    id: 'trial-balance',
    path: '/api/v1/statements/trial-balance',
    query: { as_of: LAST_DATE },
    sql: (source) => trialBalanceSql(source, LAST_DATE),
    oursFigures: (body) => ({ debit: money(body.totals.debit), credit: money(body.totals.credit) }),
    rawFigures: (results) => ({ debit: sum(first(results), 'debit'), credit: sum(first(results), 'credit') }),
  },
  {
    label: `balance sheet as of ${LAST_DATE}`,
    id: 'balance-sheet',
    path: '/api/v1/statements/balance-sheet',
    query: { as_of: LAST_DATE },
    sql: (source) => balanceSheetSql(source, LAST_DATE, YEAR_FROM),
    oursFigures: (body) => ({
      assets: money(body.totals.assets),
      liabilities: money(body.totals.liabilities),
      equity: money(body.totals.equity),
    }),
    rawFigures: (results) => ({
      assets: rolled(first(results), 'side', 'side', 'assets'),
      liabilities: rolled(first(results), 'side', 'side', 'liabilities'),
      equity: rolled(first(results), 'side', 'side', 'equity'),
    }),
  },
  {
    label: `income statement ${YEAR_FROM}..${YEAR_TO}`,
    id: 'income-statement',
    path: '/api/v1/statements/income-statement',
    query: { from: YEAR_FROM, to: YEAR_TO },
    sql: (source) => incomeStatementSql(source, YEAR_FROM, YEAR_TO),
    oursFigures: (body) => ({ net_income: money(body.totals.net_income) }),
    rawFigures: (results) => ({ net_income: rolled(first(results), 'total', 'kind', null, 'profit') }),
  },
  {
    label: `cash flow (indirect) ${YEAR_FROM}..${YEAR_TO}`,
    id: 'cash-flow',
    path: '/api/v1/statements/cash-flow',
    query: { from: YEAR_FROM, to: YEAR_TO, method: 'indirect' },
    sql: (source) => cashFlowSql(source, YEAR_FROM, YEAR_TO),
    oursFigures: (body) => ({
      operating: money(body.totals.operating),
      investing: money(body.totals.investing),
      financing: money(body.totals.financing),
      net_change: money(body.totals.net_change),
      opening_cash: money(body.opening_cash),
      closing_cash: money(body.closing_cash),
    }),
    rawFigures: (results) => {
      const cash = results[1]?.[0] ?? {};
      return {
        operating: rolled(first(results), 'section', 'section', 'operating'),
        investing: rolled(first(results), 'section', 'section', 'investing'),
        financing: rolled(first(results), 'section', 'section', 'financing'),
        net_change: rolled(first(results), 'total', 'kind', null),
        opening_cash: money(cash.opening_cash),
        closing_cash: money(cash.closing_cash),
      };
    },
  },
  {
    label: `GL page: ${GL_ACCOUNT}, ${GL_FROM.slice(0, 7)}, ${GL_LIMIT} lines`,
    id: 'general-ledger',
    path: '/api/v1/statements/general-ledger',
    query: { account: GL_ACCOUNT, from: GL_FROM, to: GL_TO, limit: String(GL_LIMIT) },
    sql: (source) => generalLedgerSql(source, GL_ACCOUNT, GL_FROM, GL_TO, GL_LIMIT),
    oursFigures: (body) => pageFigures(body.rows),
    rawFigures: (results) => pageFigures(first(results)),
  },
  {
    label: `GL page: ${GL_ACCOUNT}, ${YEAR_FROM.slice(0, 4)}, lines ${(GL_DEEP_OFFSET + 1).toLocaleString('en-US')}–${(GL_DEEP_OFFSET + GL_LIMIT).toLocaleString('en-US')}`,
    id: 'general-ledger',
    path: '/api/v1/statements/general-ledger',
    query: {
      account: GL_ACCOUNT,
      from: YEAR_FROM,
      to: YEAR_TO,
      limit: String(GL_LIMIT),
      offset: String(GL_DEEP_OFFSET),
    },
    sql: (source) => generalLedgerSql(source, GL_ACCOUNT, YEAR_FROM, YEAR_TO, GL_LIMIT, GL_DEEP_OFFSET),
    oursFigures: (body) => pageFigures(body.rows),
    rawFigures: (results) => pageFigures(first(results)),
  },
];

function pageFigures(rows: Row[]): Figures {
  const last = rows[rows.length - 1];
  return {
    lines: String(rows.length),
    first_document: String(rows[0]?.document_number ?? ''),
    last_running_balance: money(last?.running_balance),
  };
}
