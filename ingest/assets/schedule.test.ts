// The monthly plan: which months each method's years cover, and exact cents per month.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../money.ts';
import { yearlyAmounts } from './depreciation.ts';
import {
  type AssetTerms,
  addMonths,
  firstYearMonths,
  plannedAmountFor,
  plannedMonths,
  plannedYears,
  spreadEvenly,
} from './schedule.ts';

const EXCEL_DB: AssetTerms = {
  method: 'declining_balance',
  cost: 100_000_000n,
  salvage: 10_000_000n,
  lifeYears: 6,
  startDate: '2025-06-15',
  rate: null,
};

describe('the monthly plan', () => {
  it('spreads cents by largest remainder, the earliest months taking the leftover cents', () => {
    // 18608333 / 7 = 2658333 rest 2
    expect(spreadEvenly(18_608_333n, 7)).toEqual([
      2_658_334n,
      2_658_334n,
      2_658_333n,
      2_658_333n,
      2_658_333n,
      2_658_333n,
      2_658_333n,
    ]);
    expect(spreadEvenly(0n, 12)).toEqual(Array(12).fill(0n));
  });

  it("gives DB's `month` the months of use in the first fiscal year", () => {
    expect(firstYearMonths('2025-06-15', 1)).toBe(7); // June..December
    expect(firstYearMonths('2025-01-31', 1)).toBe(12);
    expect(firstYearMonths('2025-06-01', 7)).toBe(1); // June only: the fiscal year ends in June
    expect(firstYearMonths('2025-07-01', 7)).toBe(12);
    expect(addMonths('2025-11', 3)).toBe('2026-02');
  });

  it("maps DB's periods on fiscal years: 7 months, five full years, then the last 5 months", () => {
    const years = plannedYears(EXCEL_DB, 1);
    expect(years.map((year) => [year.firstPeriod, year.months, formatMoney(year.amount)])).toEqual([
      ['2025-06', 7, '186083.33'],
      ['2026-01', 12, '259639.42'],
      ['2027-01', 12, '176814.44'],
      ['2028-01', 12, '120410.64'],
      ['2029-01', 12, '81999.64'],
      ['2030-01', 12, '55841.76'],
      ['2031-01', 5, '15845.10'],
    ]);
    const months = plannedMonths(EXCEL_DB, 1);
    expect(months).toHaveLength(72);
    // 186083.33 / 7: 26583.34 twice, then 26583.33; 15845.10 / 5 = 3169.02
    expect(months.slice(0, 3).map((row) => formatMoney(row.amount))).toEqual([
      '26583.34',
      '26583.34',
      '26583.33',
    ]);
    expect(months.at(-1)).toMatchObject({ period: '2031-05', amount: 316_902n });
    // DB stops short of salvage: 1000000 − 896634.33 = 103365.67
    expect(formatMoney(months.at(-1)?.bookValue ?? 0n)).toBe('103365.67');
  });

  it('runs SLN, SYD and DDB on asset years of twelve months from the start month', () => {
    // SLN(1200, 0, 2) = 600 a year = 50 a month, June 2025 to May 2027
    const asset: AssetTerms = {
      ...EXCEL_DB,
      method: 'straight_line',
      cost: 120_000n,
      salvage: 0n,
      lifeYears: 2,
    };
    const months = plannedMonths(asset, 1);
    expect(months).toHaveLength(24);
    expect(months[0]).toMatchObject({ period: '2025-06', year: 1, amount: 5_000n });
    expect(months.at(-1)).toMatchObject({ period: '2027-05', year: 2, amount: 5_000n, bookValue: 0n });
    expect(plannedAmountFor(asset, 1, '2025-05')).toBe(0n);
    expect(plannedAmountFor(asset, 1, '2026-06')).toBe(5_000n);
    expect(plannedAmountFor(asset, 1, '2027-06')).toBe(0n);
  });

  it('adds up month by month to each year, and agrees with the one-period lookup', () => {
    const method = fc.constantFrom(
      'straight_line',
      'declining_balance',
      'double_declining_balance',
      'sum_of_years_digits',
    ) as fc.Arbitrary<AssetTerms['method']>;
    const asset = fc.record({
      method,
      cost: fc.bigInt({ min: 1n, max: 10n ** 11n }),
      salvage: fc.constant(0n),
      lifeYears: fc.integer({ min: 1, max: 12 }),
      startDate: fc.integer({ min: 1, max: 12 }).map((month) => `2025-${String(month).padStart(2, '0')}-10`),
      rate: fc.constant(null),
    });
    fc.assert(
      fc.property(asset, fc.integer({ min: 1, max: 12 }), (terms, fiscalStart) => {
        const months = plannedMonths(terms, fiscalStart);
        expect(months).toHaveLength(12 * terms.lifeYears);
        const years = plannedYears(terms, fiscalStart);
        for (const year of years) {
          const sum = months
            .filter((row) => row.year === year.year)
            .reduce((total, row) => total + row.amount, 0n);
          expect(sum).toBe(year.amount);
        }
        const yearly = yearlyAmounts({ ...terms, firstYearMonths: years[0]?.months ?? 12 });
        expect(years.map((year) => year.amount)).toEqual(yearly);
        const probe = months[(terms.lifeYears * 7) % months.length];
        if (probe) expect(plannedAmountFor(terms, fiscalStart, probe.period)).toBe(probe.amount);
      }),
      { numRuns: 200 },
    );
  });
});
