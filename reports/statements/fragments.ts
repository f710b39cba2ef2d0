// SQL building blocks shared by the statements. They compose static SQL text only: parameter values reach
// DuckDB as named bindings ($from, $department…), never as text.
import type { Row } from '../definition.ts';

/** The filters every statement accepts; a missing dimension is '' in the marts and never a real code. */
export function dimensionFilter(prefix = ''): string {
  return `(cast($department as varchar) is null or ${prefix}department = $department)
        and (cast($cost_center as varchar) is null or ${prefix}cost_center = $cost_center)
        and (cast($project as varchar) is null or ${prefix}project = $project)`;
}

/** Earliest date a range may start at: before any posting ingest accepts (2000-01-01). */
export const BEGINNING_DATE = '1900-01-01';
export const BEGINNING = `date '${BEGINNING_DATE}'`;

export interface MonthSplit {
  /** Columns both halves select, in order. */
  columns: string;
  /** The month-grain relation (a `period` column, 'YYYY-MM') and the line relation (a `posting_date`). */
  monthly: string;
  daily: string;
  /** SQL date expressions, both inclusive. */
  fromSql: string;
  toSql: string;
  /** More conditions on both halves (dimension filters). */
  where: string;
  /** Which ends of the range cut a month (all of them unless told): only those read lines. */
  cuts?: MonthCuts;
  /**
   * The name of the range's bounds computed beforehand (monthSplitBindings) and bound as `$<name>_…`
   * values: DuckDB then compares the periods and dates with constants instead of planning the date
   * arithmetic that finds them (about 3 ms of a statement's 20 on ten million lines).
   */
  bound?: string;
}

/** Whether a range starts after the first day of a month (head) and ends before the last (tail). */
export interface MonthCuts {
  head: boolean;
  tail: boolean;
}

export const ANY_CUTS: MonthCuts = { head: true, tail: true };

/**
 * The cuts of a range of ISO dates; `from` null is the beginning of the ledger. A statement picks its SQL by
 * them (values stay bound): a range of whole months then reads the monthly marts alone, and its SQL is short.
 */
export function monthCuts(from: string | null, to: string): MonthCuts {
  return { head: from !== null && !from.endsWith('-01'), tail: to !== lastDayOfMonth(to) };
}

/** The cuts of the range before `from` (from the beginning of the ledger to the day before). */
export function cutsBefore(from: string | null): MonthCuts {
  return { head: false, tail: from !== null && !from.endsWith('-01') };
}

/** A key naming a combination of cuts, for memoising the SQL built for it. */
export function cutsKey(...cuts: MonthCuts[]): string {
  return cuts.map((cut) => `${cut.head ? 'h' : '-'}${cut.tail ? 't' : '-'}`).join('');
}

/** SQL texts built once per shape (a key of cuts and options), then reused: a finite set of statements. */
export function shapeCache(): (key: string, build: () => string) => string {
  const texts = new Map<string, string>();
  return (key, build) => {
    let text = texts.get(key);
    if (text === undefined) {
      text = build();
      texts.set(key, text);
    }
    return text;
  };
}

function lastDayOfMonth(iso: string): string {
  const [year, month] = iso.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${iso.slice(0, 8)}${String(last).padStart(2, '0')}`;
}

/**
 * Rows of a range read at the coarsest grain that fits it: months lying wholly inside the range from the
 * monthly mart, and only the days of a month cut by the range from the line-level one, so a statement never
 * rescans the lines of whole months. The days before the first whole month and after the last one are two
 * plain ranges of constants: DuckDB skips the row groups outside them, and all of it when a range is empty
 * (it starts after it ends); a condition computed per row would scan them all. A range inside one month is
 * all head: the tail starts no earlier than the first whole month, so no day is read twice.
 */
export function splitByMonths(split: MonthSplit): string {
  const { columns, monthly, daily, fromSql, toSql, where, cuts = ANY_CUTS, bound } = split;
  // Periods compare as 'YYYY-MM' text against two constants: no date is built per row.
  const wholeMonth = bound
    ? `period between $${bound}_first_period and $${bound}_last_period`
    : `period between strftime(${firstWholeMonthStart(fromSql)}, '%Y-%m')
            and strftime(${lastWholeMonthEnd(toSql)}, '%Y-%m')`;
  const headDays = bound
    ? `cast($${bound}_head_from as date) and cast($${bound}_head_to as date)`
    : `${fromSql} and least(${toSql}, ${firstWholeMonthStart(fromSql)} - 1)`;
  const tailDays = bound
    ? `cast($${bound}_tail_from as date) and cast($${bound}_tail_to as date)`
    : `greatest(${fromSql}, ${lastWholeMonthEnd(toSql)} + 1, ${firstWholeMonthStart(fromSql)})
            and ${toSql}`;
  const head = `
        union all
        select ${columns}
        from ${daily}
        where posting_date between ${headDays}
            and ${where}`;
  const tail = `
        union all
        select ${columns}
        from ${daily}
        where posting_date between ${tailDays}
            and ${where}`;
  return `
        select ${columns}
        from ${monthly}
        where ${wholeMonth}
            and ${where}${cuts.head ? head : ''}${cuts.tail ? tail : ''}`;
}

/**
 * The values splitByMonths binds for a range named `name` (from null: the beginning of the ledger), both
 * ends inclusive ISO dates: the first and last whole month's period and the days of the cut months before and
 * after them, as the SQL form computes them (an empty range gives empty ranges).
 */
export function monthSplitBindings(name: string, from: string | null, to: string): Record<string, string> {
  const start = from ?? BEGINNING_DATE;
  const firstWhole = start.endsWith('-01') ? start : addMonths(firstOfMonth(start), 1);
  const lastWhole = to === lastDayOfMonth(to) ? to : addDays(firstOfMonth(to), -1);
  // ISO dates order as text.
  const latest = (...dates: string[]) => dates.sort().at(-1) as string;
  const earliest = (...dates: string[]) => dates.sort()[0] as string;
  return {
    [`${name}_first_period`]: firstWhole.slice(0, 7),
    [`${name}_last_period`]: lastWhole.slice(0, 7),
    [`${name}_head_from`]: start,
    [`${name}_head_to`]: earliest(to, addDays(firstWhole, -1)),
    [`${name}_tail_from`]: latest(start, addDays(lastWhole, 1), firstWhole),
    [`${name}_tail_to`]: to,
  };
}

/** The ISO date `days` days after `iso` (before, when negative). */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function addMonths(firstOfMonthIso: string, months: number): string {
  const date = new Date(`${firstOfMonthIso}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

function firstOfMonth(iso: string): string {
  return `${iso.slice(0, 8)}01`;
}

/**
 * Movements of every leaf account between two dates (SQL date expressions, both inclusive), at the grain
 * of fct_account_balances, split by months (splitByMonths) between it and fct_journal_lines.
 * Columns: account_code, period, fiscal_year, department, cost_center, project, is_closing_entry, debit,
 * credit, amount. Year-end closing lines stay in (balances need them); a result statement filters them out
 * with resultMovementsBetween.
 */
export function movementsBetween(
  fromSql: string,
  toSql: string,
  cuts: MonthCuts = ANY_CUTS,
  bound?: string,
  /** A further condition on the rows (e.g. inAccounts), applied as both halves are scanned. */
  also?: string,
): string {
  return splitByMonths({
    cuts,
    ...(bound ? { bound } : {}),
    columns: `account_code, period, fiscal_year, department, cost_center, project, is_closing_entry,
            debit, credit, amount`,
    monthly: '(select *, net_movement as amount from marts.fct_account_balances) as balances',
    daily: `(
            select account_code, period, fiscal_year, posting_date, is_closing_entry, debit, credit, amount,
                coalesce(department, '') as department,
                coalesce(cost_center, '') as cost_center,
                coalesce(project, '') as project
            from marts.fct_journal_lines
        ) as journal_lines`,
    fromSql,
    toSql,
    where: also
      ? `${dimensionFilter()}
        and ${also}`
      : dimensionFilter(),
  });
}

/** The first day of the first month wholly inside a range starting at `fromSql`. */
function firstWholeMonthStart(fromSql: string): string {
  return `cast(case when day(${fromSql}) = 1 then ${fromSql} else date_trunc('month', ${fromSql}) + interval 1 month end as date)`;
}
/** The last day of the last month wholly inside a range ending at `toSql`. */
function lastWholeMonthEnd(toSql: string): string {
  return `cast(case when ${toSql} = last_day(${toSql}) then ${toSql} else date_trunc('month', ${toSql}) - interval 1 day end as date)`;
}

/**
 * The movements that make up a period's result (income statement, cash flow, monthly result): everything but
 * year-end closing entries, which only move an already reported result into retained earnings.
 */
export function resultMovementsBetween(
  fromSql: string,
  toSql: string,
  cuts: MonthCuts = ANY_CUTS,
  bound?: string,
): string {
  return `
        select *
        from (${movementsBetween(fromSql, toSql, cuts, bound)}) as movements
        where not is_closing_entry`;
}

/**
 * The leaf accounts `$account` stands for: itself, or every leaf below a group (paths share the prefix).
 * Used by the general ledger's pages and its streamed export.
 */
export const LEAF_SCOPE_SQL = `
select accounts.code
from marts.dim_accounts as accounts
cross join (select path from marts.dim_accounts where code = $account) as target
where not accounts.is_group
    and (accounts.path = target.path or starts_with(accounts.path, target.path || '/'))`;

/**
 * The final select of a leaf-account statement: the sums of each account (and of each of `columns`, e.g.
 * `period`) from the common table expression `sums`, each of `measures` as DECIMAL(18, 2). The chart is
 * joined in memory (leavesOfChart), not here: joining dim_accounts in the query cost DuckDB more than it read.
 */
export function sumsOfLeaves(measures: readonly string[], columns: readonly string[] = []): string {
  const selected = [
    'account_code',
    ...columns,
    ...measures.map((measure) => `coalesce(${measure}, 0)::decimal(18, 2) as ${measure}`),
  ];
  return `select
    ${selected.join(',\n    ')}
from sums`;
}

/**
 * Every leaf of `chart` (leafChart's rows, in the chart's order) in its place (code, name, type, statement,
 * section, line, sort order), once per row of `sums` (sumsOfLeaves' rows) for its account, or once with every
 * one of `measures` at '0.00' when it has none. Sums of an account the chart holds no leaf for are left out.
 */
export function leavesOfChart(chart: Row[], sums: Row[], measures: readonly string[]): Row[] {
  const byAccount = new Map<string, Row[]>();
  for (const row of sums) {
    const code = String(row.account_code);
    const rows = byAccount.get(code);
    if (rows) rows.push(row);
    else byAccount.set(code, [row]);
  }
  const zeros = Object.fromEntries(measures.map((measure) => [measure, '0.00']));
  const leaves: Row[] = [];
  for (const leaf of chart) {
    const place = {
      code: leaf.account,
      name: leaf.name,
      type: leaf.type,
      statement: leaf.statement,
      statement_section: leaf.statement_section,
      statement_line: leaf.statement_line,
      sort_order: leaf.sort_order,
    };
    const rows = byAccount.get(String(leaf.account));
    if (!rows) leaves.push({ ...place, ...zeros });
    else for (const { account_code: _code, ...row } of rows) leaves.push({ ...place, ...row });
  }
  return leaves;
}

/** The field error of an account code the chart does not hold. */
export function accountNotFound(account: string): { path: string; code: string; message: string } {
  return { path: 'account', code: 'account_not_found', message: `account ${account} does not exist` };
}

/** Leaf accounts with the sort keys of their statement section and line (the smallest sort_order in each). */
export const LEAF_ACCOUNTS = `
    select
        *,
        min(sort_order) over (partition by statement, statement_section) as section_sort,
        min(sort_order) over (partition by statement, statement_section, statement_line) as line_sort
    from marts.dim_accounts
    where not is_group`;

/** Whether `account_code` is among the comma-joined codes bound as `$<name>`: a constant list, filtered on scan. */
export function inAccounts(name: string, column = 'account_code'): string {
  return `list_contains(string_split($${name}, ','), ${column})`;
}

export interface RollupOptions {
  measures: string[];
  top?: { key: string; sort: string };
  groupedBy?: string[];
  /** The CTE holding the items; `items` unless told. */
  source?: string;
}

/**
 * Rolls outline items up into lines with subtotals, in SQL so sums stay exact decimals. `items` must have
 * section, section_sort, line, line_sort, item_key, item_sort, account_code, name and the `measures`;
 * `top` optionally adds a level above the section (the balance-sheet side); `groupedBy` repeats the outline per
 * value (e.g. per month). outlineOrder puts lines in reading order: a group's subtotal first, then its members,
 * ordered by the chart's sort_order.
 */
export function outlineRollup({ measures, top, groupedBy = [], source = 'items' }: RollupOptions): string {
  const keys = [top?.key, 'section', 'line', 'item_key'].filter((key): key is string => Boolean(key));
  const sums = measures.map((name) => `sum(${name})::decimal(18, 2) as ${name}`).join(',\n            ');
  const depth = keys.map((key) => `(1 - grouping(${key}))`).join(' + ');
  const levels = top ? ['side', 'section', 'line', 'account'] : ['section', 'line', 'account'];
  const kind = keys
    .map((key, index) => `when grouping(${key}) = 1 then '${index === 0 ? 'total' : levels[index - 1]}'`)
    .join(' ');
  const sortOf = (key: string, sort: string) =>
    `case when grouping(${key}) = 1 then null else min(${sort}) end as ${sort}`;
  return `
        select
            ${groupedBy.map((key) => `${key},`).join(' ')}
            ${top ? `${top.key},` : ''}
            section,
            line,
            item_key,
            cast(${depth} as integer) as level,
            case ${kind} else 'account' end as row_kind,
            case when grouping(item_key) = 0 then any_value(account_code) end as account_code,
            case when grouping(item_key) = 0 then any_value(name) end as name,
            ${top ? `${sortOf(top.key, top.sort)},` : ''}
            ${sortOf('section', 'section_sort')},
            ${sortOf('line', 'line_sort')},
            ${sortOf('item_key', 'item_sort')},
            ${sums}
        from ${source}
        group by ${groupedBy.map((key) => `${key}, `).join('')}rollup(${keys.join(', ')})`;
}

/** Reading order for outlineRollup's lines: each subtotal before its members. */
export function outlineOrder(top?: string): string {
  const sorts = [top, 'section_sort', 'line_sort', 'item_sort'].filter(Boolean);
  return `order by ${sorts.map((sort) => `${sort} nulls first`).join(', ')}, item_key nulls first`;
}
