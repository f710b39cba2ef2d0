// The statements of the statement benchmark written as plain SQL, once, over a "source": the marts
// (fct_account_balances, dim_accounts) or the facts (journal_lines joined to the chart) in DuckDB or PostgreSQL.
// The SQL keeps to what both engines read alike (rollup, grouping, filter, window functions).

/** Where a statement reads its movements from. `moved_on` is a date (facts) or a 'YYYY-MM' period (marts). */
export interface Source {
  accounts: string;
  /** account_code, debit, credit, amount (= debit - credit), moved_on. */
  movements: string;
  /** General-ledger lines: seq, posting_date, document_number, line_no, account_code, debit, credit. */
  lines: string;
  /** `moved_on` up to and including a month's last day / from a month's first day, as SQL conditions. */
  upTo(isoDate: string): string;
  before(isoDate: string): string;
}

export function martSource(): Source {
  const period = (isoDate: string) => `'${isoDate.slice(0, 7)}'`;
  return {
    accounts: 'marts.dim_accounts',
    movements:
      '(select account_code, debit, credit, net_movement as amount, period as moved_on from marts.fct_account_balances)',
    lines: 'marts.fct_journal_lines',
    upTo: (isoDate) => `moved_on <= ${period(monthEnd(isoDate))}`,
    before: (isoDate) => `moved_on < ${period(monthStart(isoDate))}`,
  };
}

export function factsSource(lines: string, accounts: string): Source {
  return {
    accounts,
    movements: `(select account_code, debit, credit, debit - credit as amount, posting_date as moved_on from ${lines})`,
    lines,
    upTo: (isoDate) => `moved_on <= date '${isoDate}'`,
    before: (isoDate) => `moved_on < date '${isoDate}'`,
  };
}

/** The marts hold whole months, so the benchmark's ranges must start and end on month boundaries. */
function monthStart(isoDate: string): string {
  if (!isoDate.endsWith('-01')) throw new Error(`${isoDate} is not the first day of a month`);
  return isoDate;
}

function monthEnd(isoDate: string): string {
  const next = new Date(`${isoDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  if (next.getUTCDate() !== 1) throw new Error(`${isoDate} is not the last day of a month`);
  return isoDate;
}

/** The outline level of a rollup row, named as the statements name them. */
function kindOf(keys: string[]): string {
  const names = ['total', ...keys.slice(0, -1)];
  const cases = keys.map((key, index) => `when grouping(${key}) = 1 then '${names[index]}'`).join(' ');
  return `case ${cases} else 'item' end as kind`;
}

/** Trial balance as of a date: debit, credit and balance of every account that moved. */
export function trialBalanceSql(source: Source, asOf: string): string[] {
  return [
    `select accounts.code as account, accounts.name,
        sum(movements.debit) as debit, sum(movements.credit) as credit, sum(movements.amount) as balance
    from ${source.movements} as movements
    inner join ${source.accounts} as accounts on accounts.code = movements.account_code
    where ${source.upTo(asOf)}
    group by accounts.code, accounts.name, accounts.sort_order
    order by accounts.sort_order, accounts.code`,
  ];
}

/**
 * Balance sheet as of a date: balance-sheet accounts by side, section and line (assets debit - credit, the
 * rest credit - debit), plus the unclosed result split into prior years and the year to date.
 */
export function balanceSheetSql(source: Source, asOf: string, fiscalYearStart: string): string[] {
  return [
    `with balances as (
        select accounts.code, accounts.type, accounts.statement, accounts.statement_section,
            accounts.statement_line, accounts.sort_order,
            sum(movements.amount) as amount,
            coalesce(sum(movements.amount) filter (where ${source.before(fiscalYearStart)}), 0) as prior_amount
        from ${source.movements} as movements
        inner join ${source.accounts} as accounts on accounts.code = movements.account_code
        where ${source.upTo(asOf)}
        group by accounts.code, accounts.type, accounts.statement, accounts.statement_section,
            accounts.statement_line, accounts.sort_order
    ),
    items as (
        select case type when 'asset' then 'assets' when 'liability' then 'liabilities' else 'equity' end as side,
            statement_section as section, statement_line as line, code as item, sort_order,
            case when type = 'asset' then amount else -amount end as amount
        from balances
        where statement = 'balance_sheet'
        union all
        select 'equity', 'equity', 'retained_earnings', 'result:prior_years', 1000000000, -sum(prior_amount)
        from balances
        where statement = 'income_statement'
        union all
        select 'equity', 'equity', 'current_year_result', 'result:year_to_date', 1000000001,
            -sum(amount - prior_amount)
        from balances
        where statement = 'income_statement'
    )
    select side, section, line, item, ${kindOf(['side', 'section', 'line', 'item'])},
        sum(amount) as amount, min(sort_order) as sort_order
    from items
    where amount <> 0
    group by rollup(side, section, line, item)
    order by grouping(side) desc, min(sort_order), grouping(section) desc, grouping(line) desc, grouping(item) desc`,
  ];
}

/** Income statement for a range: revenue read credit - debit, expenses debit - credit; profit credit - debit. */
export function incomeStatementSql(source: Source, from: string, to: string): string[] {
  return [
    `with items as (
        select accounts.statement_section as section, accounts.statement_line as line, accounts.code as item,
            accounts.sort_order,
            sum(case when accounts.type = 'revenue' then -movements.amount else movements.amount end) as amount,
            -sum(movements.amount) as profit
        from ${source.movements} as movements
        inner join ${source.accounts} as accounts on accounts.code = movements.account_code
        where accounts.statement = 'income_statement' and not ${source.before(from)} and ${source.upTo(to)}
        group by accounts.statement_section, accounts.statement_line, accounts.code, accounts.sort_order
    )
    select section, line, item, ${kindOf(['section', 'line', 'item'])},
        sum(amount) as amount, sum(profit) as profit, min(sort_order) as sort_order
    from items
    group by rollup(section, line, item)
    order by grouping(section) desc, min(sort_order), grouping(line) desc, grouping(item) desc`,
  ];
}

/**
 * Cash flow for a range, indirect method (IAS 7.18(b)): profit plus the cash effect (credit - debit) of every
 * other non-cash account's movement, by the chart's cash-flow category and line; and the opening and closing
 * cash. Equal to the marts' allocation-based sections when investing and financing are settled in cash.
 */
export function cashFlowSql(source: Source, from: string, to: string): string[] {
  return [
    `with moved as (
        select accounts.code, accounts.statement, accounts.cash_flow_category as category,
            accounts.cash_flow_line as cash_line, accounts.sort_order, -sum(movements.amount) as effect
        from ${source.movements} as movements
        inner join ${source.accounts} as accounts on accounts.code = movements.account_code
        where not ${source.before(from)} and ${source.upTo(to)}
        group by accounts.code, accounts.statement, accounts.cash_flow_category, accounts.cash_flow_line,
            accounts.sort_order
    ),
    items as (
        select 'operating' as section, 'net_income' as line, 'profit' as item, 0 as sort_order,
            sum(effect) as amount
        from moved
        where statement = 'income_statement'
        union all
        select case when category in ('investing', 'financing') then category else 'operating' end,
            cash_line, code, sort_order, effect
        from moved
        where statement = 'balance_sheet' and category <> 'cash'
    )
    select section, line, item, ${kindOf(['section', 'line', 'item'])},
        sum(amount) as amount, min(sort_order) as sort_order
    from items
    where amount <> 0
    group by rollup(section, line, item)
    order by grouping(section) desc, min(sort_order), grouping(line) desc, grouping(item) desc`,
    `select coalesce(sum(movements.amount) filter (where ${source.before(from)}), 0) as opening_cash,
        coalesce(sum(movements.amount), 0) as closing_cash
    from ${source.movements} as movements
    inner join ${source.accounts} as accounts on accounts.code = movements.account_code
    where accounts.cash_flow_category = 'cash' and ${source.upTo(to)}`,
  ];
}

/** One page of an account's general ledger for a range, with the running balance from the opening. */
export function generalLedgerSql(
  source: Source,
  account: string,
  from: string,
  to: string,
  limit: number,
  offset = 0,
) {
  return [
    `with opening as (
        select coalesce(sum(amount), 0) as amount
        from ${source.movements} as movements
        where account_code = '${account}' and ${source.before(from)}
    ),
    range_lines as (
        select seq, posting_date, document_number, line_no, debit, credit, debit - credit as amount
        from ${source.lines}
        where account_code = '${account}' and posting_date between date '${from}' and date '${to}'
    )
    select row_number() over (order by posting_date, seq) as row_number, posting_date, document_number,
        line_no, debit, credit,
        (select amount from opening)
            + sum(amount) over (order by posting_date, seq rows between unbounded preceding and current row)
            as running_balance
    from range_lines
    order by posting_date, seq
    limit ${limit}
    offset ${offset}`,
  ];
}
