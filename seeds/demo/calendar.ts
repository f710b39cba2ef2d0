// The simulated fiscal year as a list of days: weekdays, public holidays, month and quarter ends.

const MS_PER_DAY = 86_400_000;
/** Fixed-date public holidays (MM-DD) on which the company neither sells nor pays. */
const HOLIDAYS = new Set(['01-01', '05-01', '10-03', '12-25', '12-26']);

export interface Day {
  /** Position in the year, 0-based. */
  index: number;
  date: string;
  /** 1–12. */
  month: number;
  period: string;
  isBusinessDay: boolean;
  isFirstBusinessDayOfMonth: boolean;
  isLastBusinessDayOfMonth: boolean;
  isLastDayOfMonth: boolean;
  isLastDayOfQuarter: boolean;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Monday 0 … Sunday 6. */
export function weekdayOf(day: Day): number {
  return (new Date(`${day.date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function isBusinessDate(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(date.slice(5));
}

/** The calendar year `year` (a fiscal year starting in January), one entry per day. */
export class YearCalendar {
  readonly days: Day[];
  private readonly byDate = new Map<string, Day>();

  constructor(readonly year: number) {
    this.days = buildDays(year);
    for (const day of this.days) this.byDate.set(day.date, day);
  }

  get first(): Day {
    return this.days[0] as Day;
  }

  /** The first business day on or after `date`, or undefined when that falls after the year. */
  businessDayOnOrAfter(date: string): Day | undefined {
    let day = this.byDate.get(date);
    if (!day && date < this.first.date) day = this.first;
    while (day && !day.isBusinessDay) day = this.days[day.index + 1];
    return day;
  }

  /** The business day `days` calendar days after `from` (rolled forward), or undefined past year end. */
  businessDayAfter(from: Day, days: number): Day | undefined {
    return this.businessDayOnOrAfter(addDays(from.date, days));
  }

  /** The last business day before `from`, or undefined before the year starts. */
  businessDayBefore(from: Day): Day | undefined {
    let day = this.days[from.index - 1];
    while (day && !day.isBusinessDay) day = this.days[day.index - 1];
    return day;
  }

  /** The `count`-th business day after `from` (the next one for 1), or undefined past year end. */
  businessDaysAfter(from: Day, count: number): Day | undefined {
    let day: Day | undefined = from;
    for (let left = count; day && left > 0; left--) day = this.businessDayAfter(day, 1);
    return day;
  }
}

function buildDays(year: number): Day[] {
  const days: Day[] = [];
  for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addDays(date, 1)) {
    const month = Number(date.slice(5, 7));
    days.push({
      index: days.length,
      date,
      month,
      period: date.slice(0, 7),
      isBusinessDay: isBusinessDate(date),
      isFirstBusinessDayOfMonth: false,
      isLastBusinessDayOfMonth: false,
      isLastDayOfMonth: addDays(date, 1).slice(5, 7) !== date.slice(5, 7),
      isLastDayOfQuarter: false,
    });
  }
  markBoundaries(days);
  return days;
}

/** Marks the first and last business days of each month, found by looking at neighbours. */
function markBoundaries(days: Day[]): void {
  const business = days.filter((day) => day.isBusinessDay);
  business.forEach((day, position) => {
    const previous = business[position - 1];
    const next = business[position + 1];
    day.isFirstBusinessDayOfMonth = previous?.month !== day.month;
    day.isLastBusinessDayOfMonth = next?.month !== day.month;
  });
  for (const day of days) day.isLastDayOfQuarter = day.isLastDayOfMonth && day.month % 3 === 0;
}
