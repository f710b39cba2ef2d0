// The four textbook depreciation methods, each exactly as the spreadsheet function that defines it
// (SLN, DB, DDB, SYD in Excel and LibreOffice), computed in exact rationals and rounded to cents once.
import { add, compare, div, type Rational, ratio, rational, roundHalfUp, ZERO } from './rational.ts';

/** Useful life of an asset in years at most (the register's limit). */
export const USEFUL_LIFE_YEARS_MAX = 100;
/** Periods of life the spreadsheet functions accept at most: ten years of days, as in DDB's daily example. */
export const LIFE_PERIODS_MAX = 3650;
export const MONTHS_PER_YEAR = 12;
/** DDB's default factor: 2 makes it the double-declining balance method. */
export const DDB_FACTOR_DEFAULT = rational(2n);
/** DB rounds its rate to three decimals: the rate is k/1000 for an integer k in 0..1000. */
const DB_RATE_THOUSANDTHS = 1000n;

export const DEPRECIATION_METHODS = [
  'straight_line',
  'declining_balance',
  'double_declining_balance',
  'sum_of_years_digits',
] as const;
export type DepreciationMethod = (typeof DEPRECIATION_METHODS)[number];

/** Amounts are minor units (cents); the functions refuse what the spreadsheet answers with #NUM!. */
function checkTerms(cost: bigint, salvage: bigint, life: number): void {
  if (cost <= 0n || salvage < 0n || salvage > cost)
    throw new RangeError('need 0 <= salvage <= cost, cost > 0');
  if (!Number.isInteger(life) || life < 1 || life > LIFE_PERIODS_MAX) {
    throw new RangeError(`life must be an integer in 1..${LIFE_PERIODS_MAX}`);
  }
}

function checkPeriod(period: number, last: number): void {
  if (!Number.isInteger(period) || period < 1 || period > last) {
    throw new RangeError(`period must be an integer in 1..${last}`);
  }
}

/** SLN(cost, salvage, life) = (cost − salvage) / life: the same amount in every period. */
export function sln(cost: bigint, salvage: bigint, life: number): Rational {
  checkTerms(cost, salvage, life);
  return rational(cost - salvage, BigInt(life));
}

/** SYD(cost, salvage, life, per) = (cost − salvage) · (life − per + 1) · 2 / (life · (life + 1)). */
export function syd(cost: bigint, salvage: bigint, life: number, per: number): Rational {
  checkTerms(cost, salvage, life);
  checkPeriod(per, life);
  const n = BigInt(life);
  return rational((cost - salvage) * (n - BigInt(per) + 1n) * 2n, n * (n + 1n));
}

/** DB's rate, 1 − (salvage / cost)^(1 / life) rounded to three decimals (half up), found without a root:
 * k/1000 rounds from x = (salvage/cost)^(1/life) when x ≤ (2001 − 2k)/2000, i.e. when
 * salvage · 2000^life ≤ cost · (2001 − 2k)^life; the rate is the largest such k (a binary search). */
export function dbRate(cost: bigint, salvage: bigint, life: number): Rational {
  checkTerms(cost, salvage, life);
  const n = BigInt(life);
  const left = salvage * 2000n ** n;
  const fits = (k: bigint) => left <= cost * (2001n - 2n * k) ** n;
  let low = 0n;
  let high = DB_RATE_THOUSANDTHS;
  while (low < high) {
    const middle = (low + high + 1n) / 2n;
    if (fits(middle)) low = middle;
    else high = middle - 1n;
  }
  return rational(low, DB_RATE_THOUSANDTHS);
}

/** `dividend / divisor` where the scaled arithmetic below guarantees an even division. */
function evenQuotient(dividend: bigint, divisor: bigint): bigint {
  if (dividend % divisor !== 0n) throw new Error('scaled depreciation arithmetic lost exactness');
  return dividend / divisor;
}

/** Every period of DB(cost, salvage, life, period, month): the first period is cost · rate · month / 12,
 * the next ones (cost − depreciation so far) · rate, and when month < 12 a final period life + 1 takes
 * (cost − depreciation so far) · rate · (12 − month) / 12. DB does not aim at salvage: the book value ends
 * near it, above or below, as in the spreadsheet. A `fixedRate` (which no spreadsheet defines) replaces
 * DB's own rate and is capped so the book value never falls below salvage (IAS 16.6: the depreciable
 * amount is cost less residual value). */
export function dbPeriods(
  cost: bigint,
  salvage: bigint,
  life: number,
  month = MONTHS_PER_YEAR,
  fixedRate: Rational | null = null,
): Rational[] {
  checkTerms(cost, salvage, life);
  if (!Number.isInteger(month) || month < 1 || month > MONTHS_PER_YEAR) {
    throw new RangeError('month must be an integer in 1..12');
  }
  const { n: p, d: q } = fixedRate ?? dbRate(cost, salvage, life);
  const count = month < MONTHS_PER_YEAR ? life + 1 : life;
  // Every amount is a whole number of units of 1 / (144 · q^count) cents (q: the rate's denominator), so
  // the loop runs on integers instead of fractions whose reduction would cost more each year.
  const unit = 144n * q ** BigInt(count);
  const floor = fixedRate === null ? null : salvage * unit;
  let book = cost * unit;
  const take = (amount: bigint) => {
    const capped = floor === null ? amount : bigMax(0n, bigMin(amount, book - floor));
    book -= capped;
    return ratio(capped, unit);
  };
  const periods = [take(evenQuotient(book * p * BigInt(month), 12n * q))];
  for (let period = 2; period <= life; period++) periods.push(take(evenQuotient(book * p, q)));
  if (count > life) periods.push(take(evenQuotient(book * p * BigInt(MONTHS_PER_YEAR - month), 12n * q)));
  return periods;
}

/** DB(cost, salvage, life, period, month) for one period (1..life, or life + 1 when month < 12). */
export function db(cost: bigint, salvage: bigint, life: number, period: number, month = 12): Rational {
  const periods = dbPeriods(cost, salvage, life, month);
  checkPeriod(period, periods.length);
  return periods[period - 1] as Rational;
}

/** The first `count` periods of DDB(cost, salvage, life, period, factor) = min((cost − prior) · factor / life,
 * cost − salvage − prior), never below zero. No switch to straight line (that is VDB's job), so with a
 * low salvage the book value stays above salvage after the last period, exactly as in the spreadsheet. */
export function ddbPeriods(
  cost: bigint,
  salvage: bigint,
  life: number,
  factor: Rational = DDB_FACTOR_DEFAULT,
  count = life,
): Rational[] {
  checkTerms(cost, salvage, life);
  checkPeriod(count, life);
  const { n: p, d: q } = div(factor, rational(BigInt(life)));
  // Whole units of 1 / q^count cents keep every step an integer (see dbPeriods).
  const unit = q ** BigInt(count);
  const floor = salvage * unit;
  let book = cost * unit;
  const periods: Rational[] = [];
  for (let period = 1; period <= count; period++) {
    const amount = bigMax(0n, bigMin(evenQuotient(book * p, q), book - floor));
    book -= amount;
    periods.push(ratio(amount, unit));
  }
  return periods;
}

/** DDB(cost, salvage, life, period, factor) for one period 1..life. */
export function ddb(
  cost: bigint,
  salvage: bigint,
  life: number,
  period: number,
  factor: Rational = DDB_FACTOR_DEFAULT,
): Rational {
  checkPeriod(period, life);
  return ddbPeriods(cost, salvage, life, factor, period)[period - 1] as Rational;
}

/** Exact periods → cents, each period rounded half up to the cent. When the function reaches its target
 * (the periods add up exactly to cost − salvage: always for SLN and SYD, for DDB when the salvage cap
 * binds) the last period with an amount absorbs the rounding, so the cents add up to cost − salvage.
 * Otherwise (DB; DDB short of salvage) each period is the function's value rounded, as a spreadsheet shows
 * ROUND(DB(…), 2) cell by cell. Either way no period rounds past cost − salvage unless the function
 * itself goes past it (DB may, with its rate rounded up). */
export function roundToCents(exact: Rational[], target: bigint): bigint[] {
  const reach = compare(exact.reduce(add, ZERO), rational(target));
  let absorbing = -1;
  if (reach === 0) {
    exact.forEach((amount, index) => {
      if (compare(amount, ZERO) > 0) absorbing = index;
    });
  }
  let sofar = 0n;
  return exact.map((amount, index) => {
    const rounded = roundHalfUp(amount);
    const cents =
      index === absorbing ? target - sofar : reach > 0 ? rounded : bigMin(rounded, target - sofar);
    sofar += cents;
    return cents;
  });
}

function bigMin(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function bigMax(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

export interface YearlyTerms {
  method: DepreciationMethod;
  cost: bigint;
  salvage: bigint;
  lifeYears: number;
  /** DB's `month`: months of use in the first fiscal year (12 when use starts with the fiscal year). */
  firstYearMonths: number;
  /** A fixed rate for `declining_balance`; null takes DB's own rate. */
  rate: Rational | null;
}

/** The exact amount of every period of the asset's method, before rounding. */
export function exactPeriods(terms: YearlyTerms): Rational[] {
  const { cost, salvage, lifeYears: life } = terms;
  switch (terms.method) {
    case 'straight_line':
      return Array.from({ length: life }, () => sln(cost, salvage, life));
    case 'sum_of_years_digits':
      return Array.from({ length: life }, (_, index) => syd(cost, salvage, life, index + 1));
    case 'double_declining_balance':
      return ddbPeriods(cost, salvage, life);
    case 'declining_balance':
      return dbPeriods(cost, salvage, life, terms.firstYearMonths, terms.rate);
  }
}

/** The yearly schedule in cents: one amount per period of the method (DB with month < 12 has life + 1). */
export function yearlyAmounts(terms: YearlyTerms): bigint[] {
  return roundToCents(exactPeriods(terms), terms.cost - terms.salvage);
}
