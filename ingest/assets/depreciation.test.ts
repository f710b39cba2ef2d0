// The depreciation methods against the spreadsheet functions' definitions, over a table of hand-worked cases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from '../money.ts';
import {
  db,
  dbPeriods,
  dbRate,
  ddb,
  ddbPeriods,
  exactPeriods,
  roundToCents,
  sln,
  syd,
  yearlyAmounts,
} from './depreciation.ts';
import { type Rational, rational, roundHalfUp } from './rational.ts';

/** `"30000"` → 3000000n minor units. */
function cents(text: string): bigint {
  const parsed = parseMoney(text);
  if (!parsed.ok) throw new Error(text);
  return parsed.minor;
}

/** An exact amount in minor units shown as the spreadsheet shows it with ROUND(x, 2). */
function shown(value: Rational): string {
  return formatMoney(roundHalfUp(value));
}

describe('SLN(cost, salvage, life) = (cost − salvage) / life', () => {
  it.each([
    // Excel's documentation: (30000 − 7500) / 10 = 2250
    ['30000', '7500', 10, '2250.00'],
    // (10000 − 1000) / 4 = 2250
    ['10000', '1000', 4, '2250.00'],
    // 1000 / 3 = 333.333…
    ['1000', '0', 3, '333.33'],
  ])('SLN(%s, %s, %i) = %s', (cost, salvage, life, expected) => {
    expect(shown(sln(cents(cost), cents(salvage), life))).toBe(expected);
  });

  it('lets the last year absorb the rounding so the years add up to cost − salvage', () => {
    // 333.33 + 333.33 = 666.66; 1000 − 666.66 = 333.34
    const years = yearlyAmounts({
      method: 'straight_line',
      cost: cents('1000'),
      salvage: 0n,
      lifeYears: 3,
      firstYearMonths: 12,
      rate: null,
    });
    expect(years.map(formatMoney)).toEqual(['333.33', '333.33', '333.34']);
  });
});

describe('SYD(cost, salvage, life, per) = (cost − salvage)·(life − per + 1)·2 / (life·(life + 1))', () => {
  it.each([
    // Excel's documentation: 22500 · 10 · 2 / 110 = 4090.909…
    [1, '4090.91'],
    // 22500 · 9 · 2 / 110 = 3681.818…
    [2, '3681.82'],
    // 22500 · 5 · 2 / 110 = 2045.4545…
    [6, '2045.45'],
    // Excel's documentation: 22500 · 1 · 2 / 110 = 409.0909…
    [10, '409.09'],
  ])('SYD(30000, 7500, 10, %i) = %s', (per, expected) => {
    expect(shown(syd(cents('30000'), cents('7500'), 10, per))).toBe(expected);
  });

  it('adds up to cost − salvage over the life, the last year absorbing the rounding', () => {
    // The first nine rounded years add up to 22090.91; 22500 − 22090.91 = 409.09 (= its own rounding).
    const years = yearlyAmounts({
      method: 'sum_of_years_digits',
      cost: cents('30000'),
      salvage: cents('7500'),
      lifeYears: 10,
      firstYearMonths: 12,
      rate: null,
    });
    expect(years.map(formatMoney)).toEqual([
      '4090.91',
      '3681.82',
      '3272.73',
      '2863.64',
      '2454.55',
      '2045.45',
      '1636.36',
      '1227.27',
      '818.18',
      '409.09',
    ]);
  });
});

describe("DB(cost, salvage, life, period, month): Excel's fixed-declining balance", () => {
  it('rounds the rate 1 − (salvage/cost)^(1/life) to three decimals, half up', () => {
    // 1 − 0.1^(1/6) = 0.318709… → 0.319;  1 − 0.1^(1/5) = 0.369043… → 0.369;  1 − 0.1^(1/3) = 0.535841… → 0.536
    expect(dbRate(cents('1000000'), cents('100000'), 6)).toEqual(rational(319n, 1000n));
    expect(dbRate(cents('10000'), cents('1000'), 5)).toEqual(rational(369n, 1000n));
    expect(dbRate(cents('10000'), cents('1000'), 3)).toEqual(rational(536n, 1000n));
    // Salvage 0: 1 − 0 = 1.000; salvage = cost: 1 − 1 = 0.000
    expect(dbRate(cents('1000'), 0n, 3)).toEqual(rational(1n));
    expect(dbRate(cents('1000'), cents('1000'), 3)).toEqual(rational(0n));
    // An exact half: 1 − 0.9995 = 0.0005 rounds up to 0.001 (exact arithmetic; a float sees 0.000499…)
    expect(dbRate(cents('10000'), cents('9995'), 1)).toEqual(rational(1n, 1000n));
  });

  // Excel's documentation example, rate 0.319, first year 7 months:
  //   1: 1000000 · 0.319 · 7/12                      = 186083.333…
  //   2: (1000000 − 186083.333…) · 0.319             = 259639.416…
  //   3: (1000000 − 445722.75) · 0.319               = 176814.442…
  //   4: 377462.807… · 0.319                         = 120410.635…
  //   5: 257052.171… · 0.319                         =  81999.642…
  //   6: 175052.529… · 0.319                         =  55841.756…
  //   7: 119210.772… · 0.319 · 5/12                  =  15845.098…
  it.each([
    [1, '186083.33'],
    [2, '259639.42'],
    [3, '176814.44'],
    [4, '120410.64'],
    [5, '81999.64'],
    [6, '55841.76'],
    [7, '15845.10'],
  ])('DB(1000000, 100000, 6, %i, 7) = %s', (period, expected) => {
    expect(shown(db(cents('1000000'), cents('100000'), 6, period, 7))).toBe(expected);
  });

  it('follows the spreadsheet cell by cell and does not aim at salvage', () => {
    // rate 0.369: 3690; 6310 · 0.369 = 2328.39; 3981.61 · 0.369 = 1469.214…; 2512.395… · 0.369 = 927.074…;
    // 1585.321… · 0.369 = 584.983…  Book value 1585.321… · 0.631 = 1000.338… stays above salvage 1000.
    const terms = { cost: cents('10000'), salvage: cents('1000'), lifeYears: 5, rate: null };
    const years = yearlyAmounts({ ...terms, method: 'declining_balance', firstYearMonths: 12 });
    expect(years.map(formatMoney)).toEqual(['3690.00', '2328.39', '1469.21', '927.07', '584.98']);
    // rate 0.536 overshoots: 5360; 4640 · 0.536 = 2487.04; 2152.96 · 0.536 = 1153.986…; book value 998.97 < 1000.
    const over = yearlyAmounts({ ...terms, lifeYears: 3, method: 'declining_balance', firstYearMonths: 12 });
    expect(over.map(formatMoney)).toEqual(['5360.00', '2487.04', '1153.99']);
  });

  it('has life + 1 periods only when the first year is partial', () => {
    expect(dbPeriods(cents('1000'), cents('100'), 4, 12)).toHaveLength(4);
    expect(dbPeriods(cents('1000'), cents('100'), 4, 3)).toHaveLength(5);
    expect(() => db(cents('1000'), cents('100'), 4, 5, 12)).toThrow(RangeError);
  });

  it('takes a fixed rate instead of its own, capped so the book value never falls below salvage', () => {
    // rate 0.5: 500, 250, 125, then 62.50 would leave 62.50 < salvage 100 → capped at 25.00 (900 − 875).
    const years = yearlyAmounts({
      method: 'declining_balance',
      cost: cents('1000'),
      salvage: cents('100'),
      lifeYears: 4,
      firstYearMonths: 12,
      rate: rational(1n, 2n),
    });
    expect(years.map(formatMoney)).toEqual(['500.00', '250.00', '125.00', '25.00']);
  });
});

describe('DDB(cost, salvage, life, period, factor) = min((cost − prior)·factor/life, cost − salvage − prior)', () => {
  it.each([
    // Excel's documentation: first day 2400 · 2/3650 = 1.315…; first month 2400 · 2/120 = 40;
    // first year 2400 · 2/10 = 480; second year at factor 1.5: (2400 − 360) · 0.15 = 306
    [3650, 1, rational(2n), '1.32'],
    [120, 1, rational(2n), '40.00'],
    [10, 1, rational(2n), '480.00'],
    [10, 2, rational(3n, 2n), '306.00'],
    // Excel's documentation: the tenth year is capped by salvage: 2400 − 300 − 2077.877… = 22.122…
    [10, 10, rational(2n), '22.12'],
  ])('DDB(2400, 300, %i, %i, %o) = %s', (life, period, factor, expected) => {
    expect(shown(ddb(cents('2400'), cents('300'), life, period, factor))).toBe(expected);
  });

  it('reaches salvage through the cap and then adds up to cost − salvage', () => {
    // 480, 384, 307.20, 245.76, 196.608, 157.286…, 125.829…, 100.663…, 80.530…, then the cap 22.122…
    const years = roundToCents(ddbPeriods(cents('2400'), cents('300'), 10), cents('2100'));
    expect(years.map(formatMoney)).toEqual([
      '480.00',
      '384.00',
      '307.20',
      '245.76',
      '196.61',
      '157.29',
      '125.83',
      '100.66',
      '80.53',
      '22.12',
    ]);
  });

  it('never switches to straight line, so a low salvage is not reached (switch-free DDB)', () => {
    // rate 2/4 = 0.5: 500, 250, 125, 62.50; 62.50 stays on the books above salvage 0.
    const years = yearlyAmounts({
      method: 'double_declining_balance',
      cost: cents('1000'),
      salvage: 0n,
      lifeYears: 4,
      firstYearMonths: 12,
      rate: null,
    });
    expect(years.map(formatMoney)).toEqual(['500.00', '250.00', '125.00', '62.50']);
  });
});

const terms = fc.record({
  method: fc.constantFrom(
    'straight_line',
    'declining_balance',
    'double_declining_balance',
    'sum_of_years_digits',
  ) as fc.Arbitrary<
    'straight_line' | 'declining_balance' | 'double_declining_balance' | 'sum_of_years_digits'
  >,
  cost: fc.bigInt({ min: 1n, max: 10n ** 12n }),
  salvagePermille: fc.integer({ min: 0, max: 1000 }),
  lifeYears: fc.integer({ min: 1, max: 40 }),
  firstYearMonths: fc.integer({ min: 1, max: 12 }),
});

describe('every method', () => {
  it('rounds each period within half a cent, or absorbs so the total is exactly cost − salvage', () => {
    fc.assert(
      fc.property(terms, (raw) => {
        const salvage = (raw.cost * BigInt(raw.salvagePermille)) / 1000n;
        const input = { ...raw, salvage, rate: null };
        const exact = exactPeriods(input);
        const years = yearlyAmounts(input);
        expect(years).toHaveLength(exact.length);
        for (const amount of years) expect(amount >= 0n).toBe(true);
        const total = years.reduce((sum, amount) => sum + amount, 0n);
        if (raw.method === 'straight_line' || raw.method === 'sum_of_years_digits') {
          expect(total).toBe(raw.cost - salvage);
        }
        if (raw.method === 'double_declining_balance') expect(total <= raw.cost - salvage).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
