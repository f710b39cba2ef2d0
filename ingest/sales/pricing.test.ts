// Sales line pricing in exact cents, and shares of a line that always add up to the whole line.
import { describe, expect, it } from 'vitest';
import { discountBasisPoints, formatPercent, priceLine, shareOf } from './pricing.ts';

const units = (count: number) => BigInt(count) * 1_000n;
const price = (cents: number) => BigInt(cents) * 10_000n;

describe('sales line pricing', () => {
  it('takes the discount off quantity times price, then the tax off the net, each rounded to the cent', () => {
    expect(priceLine(units(3), price(333), discountBasisPoints(12.5), 1900)).toEqual({
      gross: 999n,
      discount: 125n,
      net: 874n,
      tax: 166n,
    });
  });

  it('prices a fraction of a unit to the nearest cent', () => {
    expect(priceLine(1_500n, 3_333_333n, 0n, 0).net).toBe(500n);
  });

  it('reads percentages with two decimals as basis points and prints them back', () => {
    expect(discountBasisPoints(7.25)).toBe(725n);
    expect(formatPercent(725n)).toBe('7.25');
  });
});

describe('shares of a line', () => {
  it('gives the last share the remainder, so three thirds are the whole to the cent', () => {
    const total = 1_000n;
    const first = shareOf(total, units(3), 0n, 0n, units(1));
    const second = shareOf(total, units(3), units(1), first, units(1));
    const third = shareOf(total, units(3), units(2), first + second, units(1));
    expect([first, second, third]).toEqual([333n, 333n, 334n]);
    expect(first + second + third).toBe(total);
  });

  it('takes everything that is left when one share completes the line', () => {
    expect(shareOf(1_001n, units(2), 0n, 0n, units(2))).toBe(1_001n);
  });
});
