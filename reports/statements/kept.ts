// Values the statements read from the marts once and keep until a transform publishes a model: the fiscal
// year's start month, the cash accounts, an account's leaf scope, the chart's leaves. A statement binds them as
// constants, or joins them in memory, instead of reading them in every query.
import { martsVersion } from '../../transform/index.ts';
import type { ReportDb, Row } from '../definition.ts';
import { LEAF_SCOPE_SQL } from './fragments.ts';

/** Values read from the marts, per database and name, with the marts version they were read at. */
const keptValues = new WeakMap<object, Map<string, { version: number; value: unknown }>>();

/**
 * A value read from the marts once and kept per database until a transform run publishes a model
 * (martsVersion), so a statement can bind it as a constant instead of reading it in its own query. The
 * version is taken before the read: a publish during it leaves the value already stale.
 */
async function keptUntilPublish<T>(
  db: ReportDb,
  name: string,
  read: () => Promise<T>,
  worthKeeping: (value: T) => boolean = () => true,
): Promise<T> {
  const version = martsVersion(db);
  let byName = keptValues.get(db);
  const kept = byName?.get(name);
  if (kept?.version === version) return kept.value as T;
  const value = await read();
  if (!worthKeeping(value)) return value;
  if (!byName) {
    byName = new Map();
    keptValues.set(db, byName);
  }
  byName.set(name, { version, value });
  return value;
}

/**
 * The month (1-12) fiscal years start in, as the marts hold it (kept: keptUntilPublish), so a statement binds
 * it instead of reading the calendar in its own query (≈ 4 ms of a balance sheet's ≈ 14 ms on ten million
 * lines).
 */
export function fiscalStartMonth(db: ReportDb): Promise<number> {
  return keptUntilPublish(db, 'fiscal_start_month', async () => {
    const [row] = await db.query(FISCAL_START_MONTH);
    return Number(row?.start_month ?? 1);
  });
}

/**
 * The leaf accounts mapped to cash, comma-joined (kept: keptUntilPublish), for inAccounts filters that
 * DuckDB applies while it scans instead of after a subquery (≈ 7 ms of a cash-flow statement).
 */
export function cashAccounts(db: ReportDb): Promise<string> {
  return keptUntilPublish(db, 'cash_accounts', async () => {
    const rows = await db.query(
      "select code from marts.dim_accounts where not is_group and cash_flow_category = 'cash' order by code",
    );
    return rows.map((row) => String(row.code)).join(',');
  });
}

/**
 * The leaf accounts `account` stands for (LEAF_SCOPE_SQL), in code order; kept per account until a transform
 * publishes, except an empty scope (an unknown code: such answers are not worth a place in memory).
 */
export function leafScope(db: ReportDb, account: string): Promise<string[]> {
  return keptUntilPublish(
    db,
    `scope:${account}`,
    async () => {
      const rows = await db.query(`${LEAF_SCOPE_SQL}\norder by accounts.code`, { account });
      return rows.map((row) => String(row.code));
    },
    (codes) => codes.length > 0,
  );
}

/**
 * Every leaf account of the chart in the chart's order (sort_order, then code), with what a statement shows
 * of it: account (its code), name, type, level, path, its statement mapping and its cash-flow category and
 * line. Kept until a transform publishes (keptUntilPublish), so a statement joins its sums to the chart in
 * memory instead of in every query.
 */
export function leafChart(db: ReportDb): Promise<Row[]> {
  return keptUntilPublish(db, 'leaf_chart', () =>
    db.query(
      `select code as account, name, type, level, path, statement, statement_section, statement_line,
           cash_flow_category, cash_flow_line, sort_order
       from marts.dim_accounts
       where not is_group
       order by sort_order, code`,
    ),
  );
}

/** The period ('YYYY-MM') the fiscal year holding `date` ('YYYY-MM-DD') starts in. */
export function fiscalYearStartPeriod(date: string, startMonth: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const startYear = month < startMonth ? year - 1 : year;
  return `${String(startYear).padStart(4, '0')}-${String(startMonth).padStart(2, '0')}`;
}

/** The fiscal year start month as the calendar mart knows it (1 when the marts hold no calendar yet). */
const FISCAL_START_MONTH = `
    select coalesce(any_value(month(fiscal_year_start_date)), 1) as start_month
    from marts.dim_dates`;
