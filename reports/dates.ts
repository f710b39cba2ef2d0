// Calendar arithmetic on ISO dates for parameters (comparison ranges, column counts); UTC, no time zone.

const MS_PER_DAY = 86_400_000;

function toTime(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

function toIso(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return toIso(toTime(iso) + days * MS_PER_DAY);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / MS_PER_DAY);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Moves a date by whole months, clamping the day (31 Mar - 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(targetDay).padStart(2, '0')}`;
}

export function isMonthStart(iso: string): boolean {
  return iso.endsWith('-01');
}

export function isMonthEnd(iso: string): boolean {
  return addDays(iso, 1).endsWith('-01');
}

export function monthEnd(iso: string): string {
  return addDays(addMonths(`${iso.slice(0, 7)}-01`, 1), -1);
}

/** Calendar months touched by a range, counting partial ones (2025-01-15..2025-03-01 touches 3). */
export function monthsTouched(from: string, to: string): number {
  const index = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7));
  return index(to) - index(from) + 1;
}

export type Comparison = 'none' | 'previous-period' | 'previous-year';

/**
 * The range a statement is compared with. previous-year shifts both ends by a year (a month-end stays a
 * month-end, so February compares whole). previous-period is the range of the same length just before:
 * whole months when the range is whole months, otherwise the same number of days.
 */
export function comparisonRange(
  from: string,
  to: string,
  compare: Comparison,
): { from: string; to: string } | null {
  if (compare === 'none') return null;
  if (compare === 'previous-year') {
    const shiftedTo = addMonths(to, -12);
    return { from: addMonths(from, -12), to: isMonthEnd(to) ? monthEnd(shiftedTo) : shiftedTo };
  }
  if (isMonthStart(from) && isMonthEnd(to)) {
    return { from: addMonths(from, -monthsTouched(from, to)), to: addDays(from, -1) };
  }
  return { from: addDays(from, -(daysBetween(from, to) + 1)), to: addDays(from, -1) };
}
