// The monthly depreciation plan of one asset: the yearly amounts of its method spread over calendar months.
//
// Conventions (IAS 16.55: depreciation begins when the asset is available for use):
// - Full-month convention: depreciation starts with the month of `start_date`, whatever its day.
// - SLN, SYD and DDB are defined on years of life, so their years are asset years: twelve months each,
//   counted from the start month (year 1 = start month and the eleven after it). No partial first year.
// - DB has its own partial first year, the `month` argument: the months of use in the first fiscal year.
//   Its periods are therefore fiscal years: `month` months, then full years, then the remaining
//   12 − `month` months in period life + 1, exactly as DB defines them.
// - Each year's cents are spread over its months by largest remainder: every month gets the floor of
//   an equal share and, the remainders being equal, the earliest months take the leftover cents, so the
//   months of a year add up to the year exactly.
import { periodOf } from '../dates.ts';
import { type DepreciationMethod, MONTHS_PER_YEAR, yearlyAmounts } from './depreciation.ts';
import type { Rational } from './rational.ts';

export interface AssetTerms {
  method: DepreciationMethod;
  cost: bigint;
  salvage: bigint;
  lifeYears: number;
  startDate: string;
  rate: Rational | null;
}

export interface PlannedYear {
  /** 1-based period of the method (DB: fiscal years of use; others: asset years). */
  year: number;
  firstPeriod: string;
  months: number;
  amount: bigint;
}

export interface PlannedMonth {
  period: string;
  year: number;
  amount: bigint;
  /** Planned depreciation up to and including this month. */
  accumulated: bigint;
  bookValue: bigint;
}

/** `2025-11` plus 3 months → `2026-02`. */
export function addMonths(period: string, count: number): string {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + count;
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to` (`2025-01` → `2025-03` is 2; negative when `to` comes first). */
export function monthsBetween(from: string, to: string): number {
  const index = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7));
  return index(to) - index(from);
}

/** DB's `month`: months of use in the first fiscal year, the start month included. */
export function firstYearMonths(startDate: string, fiscalYearStartMonth: number): number {
  const month = Number(startDate.slice(5, 7));
  return MONTHS_PER_YEAR - ((month - fiscalYearStartMonth + MONTHS_PER_YEAR) % MONTHS_PER_YEAR);
}

/** Splits `total` cents into `parts` equal shares by largest remainder (earliest shares take the rest). */
export function spreadEvenly(total: bigint, parts: number): bigint[] {
  const count = BigInt(parts);
  const base = total / count;
  const rest = Number(total - base * count);
  return Array.from({ length: parts }, (_, index) => base + (index < rest ? 1n : 0n));
}

/** The method's periods with the months each covers, starting from the month of `start_date`. */
export function plannedYears(terms: AssetTerms, fiscalYearStartMonth: number): PlannedYear[] {
  const firstMonths =
    terms.method === 'declining_balance' ? firstYearMonths(terms.startDate, fiscalYearStartMonth) : 12;
  const amounts = yearlyAmounts({ ...terms, firstYearMonths: firstMonths });
  let firstPeriod = periodOf(terms.startDate);
  return amounts.map((amount, index) => {
    const months = index === 0 ? firstMonths : index === terms.lifeYears ? 12 - firstMonths : 12;
    const year = { year: index + 1, firstPeriod, months, amount };
    firstPeriod = addMonths(firstPeriod, months);
    return year;
  });
}

/** Every month of the plan with its amount, planned accumulated depreciation and book value. */
export function plannedMonths(terms: AssetTerms, fiscalYearStartMonth: number): PlannedMonth[] {
  const rows: PlannedMonth[] = [];
  let accumulated = 0n;
  for (const year of plannedYears(terms, fiscalYearStartMonth)) {
    spreadEvenly(year.amount, year.months).forEach((amount, offset) => {
      accumulated += amount;
      rows.push({
        period: addMonths(year.firstPeriod, offset),
        year: year.year,
        amount,
        accumulated,
        bookValue: terms.cost - accumulated,
      });
    });
  }
  return rows;
}

/** The planned amount of one `YYYY-MM` period (zero outside the plan), without building every month. */
export function plannedAmountFor(terms: AssetTerms, fiscalYearStartMonth: number, period: string): bigint {
  for (const year of plannedYears(terms, fiscalYearStartMonth)) {
    const offset = monthsBetween(year.firstPeriod, period);
    if (offset >= 0 && offset < year.months) return spreadEvenly(year.amount, year.months)[offset] ?? 0n;
  }
  return 0n;
}
