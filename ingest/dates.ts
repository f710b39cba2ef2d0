// Calendar helpers for posting dates (DATE, no time zone) and the fiscal calendar.
/** Posting dates outside this window are refused as typos (e.g. 2205 for 2025). */
export const POSTING_DATE_MIN = '2000-01-01';
export const POSTING_DATE_MAX = '2099-12-31';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Valid dates remembered at most; a batch repeats a few dates thousands of times. */
const KNOWN_DATES_MAX = 4_096;
const knownDates = new Set<string>();

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  if (knownDates.has(text)) return true;
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  const valid = !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  if (valid) {
    if (knownDates.size >= KNOWN_DATES_MAX) knownDates.clear();
    knownDates.add(text);
  }
  return valid;
}

/** Days since 1970-01-01, as DuckDB stores a DATE. */
export function epochDays(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY);
}

/** `2025-03-14` → `2025-03`. */
export function periodOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The fiscal calendar: years start on the first day of `startMonth` and are named by the year they start in. */
export class FiscalCalendar {
  constructor(readonly startMonth: number) {
    if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
      throw new Error(`fiscal year start month must be 1..12, got ${startMonth}`);
    }
  }

  /** The fiscal year (by its starting calendar year) that contains a date or a `YYYY-MM` period. */
  fiscalYearOf(dateOrPeriod: string): number {
    const year = Number(dateOrPeriod.slice(0, 4));
    const month = Number(dateOrPeriod.slice(5, 7));
    return month >= this.startMonth ? year : year - 1;
  }

  /** The twelve `YYYY-MM` periods of a fiscal year, in order. */
  periodsOf(fiscalYear: number): string[] {
    const periods: string[] = [];
    for (let index = 0; index < 12; index++) {
      const monthIndex = this.startMonth - 1 + index;
      const year = fiscalYear + Math.floor(monthIndex / 12);
      const month = (monthIndex % 12) + 1;
      periods.push(`${year}-${String(month).padStart(2, '0')}`);
    }
    return periods;
  }

  startOf(fiscalYear: number): string {
    return `${this.periodsOf(fiscalYear)[0]}-01`;
  }

  endOf(fiscalYear: number): string {
    const last = this.periodsOf(fiscalYear)[11] as string;
    return lastDayOfPeriod(last);
  }
}

export function lastDayOfPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const last = new Date(Date.UTC(year, month, 0));
  return last.toISOString().slice(0, 10);
}

/** The ISO date `days` days after `isoDate` (UTC calendar days). */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}
