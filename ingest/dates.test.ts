import { describe, expect, it } from 'vitest';
import { epochDays, FiscalCalendar, isIsoDate, lastDayOfPeriod } from './dates.ts';

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate('2025-01-01T00:00:00Z')).toBe(false);
  });
});

describe('FiscalCalendar', () => {
  it('names a fiscal year by the calendar year it starts in', () => {
    const july = new FiscalCalendar(7);
    expect(july.fiscalYearOf('2025-06-30')).toBe(2024);
    expect(july.fiscalYearOf('2025-07-01')).toBe(2025);
    expect(july.periodsOf(2025)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(july.startOf(2025)).toBe('2025-07-01');
    expect(july.endOf(2025)).toBe('2026-06-30');
  });

  it('treats a January start as the calendar year', () => {
    const calendar = new FiscalCalendar(1);
    expect(calendar.fiscalYearOf('2025-12-31')).toBe(2025);
    expect(calendar.endOf(2025)).toBe('2025-12-31');
  });

  it('refuses a start month outside 1..12', () => {
    expect(() => new FiscalCalendar(13)).toThrow(/1\.\.12/);
    expect(() => new FiscalCalendar(0)).toThrow();
  });
});

describe('date helpers', () => {
  it('computes epoch days and the last day of a period', () => {
    expect(epochDays('1970-01-02')).toBe(1);
    expect(lastDayOfPeriod('2024-02')).toBe('2024-02-29');
    expect(lastDayOfPeriod('2025-12')).toBe('2025-12-31');
  });
});
