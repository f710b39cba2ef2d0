// Exact rationals: rounding half up, decimal parsing and formatting, unreduced sums.
import { describe, expect, it } from 'vitest';
import { add, compare, formatDecimal, parseDecimal, ratio, rational, roundHalfUp } from './rational.ts';

describe('rationals', () => {
  it('round half away from zero', () => {
    expect(roundHalfUp(rational(5n, 2n))).toBe(3n);
    expect(roundHalfUp(rational(249n, 100n))).toBe(2n);
    expect(roundHalfUp(rational(-5n, 2n))).toBe(-3n);
    expect(roundHalfUp(rational(0n))).toBe(0n);
  });

  it('parse plain decimals exactly and refuse signs, exponents and excess decimals', () => {
    expect(parseDecimal('0.25')).toEqual(rational(1n, 4n));
    expect(parseDecimal('0.333333')).toEqual(rational(333_333n, 1_000_000n));
    expect(parseDecimal('0.1234567')).toBeNull();
    expect(parseDecimal('-0.2')).toBeNull();
    expect(parseDecimal('1e-3')).toBeNull();
    expect(formatDecimal(rational(319n, 1000n))).toBe('0.319');
    expect(formatDecimal(rational(1n))).toBe('1');
  });

  it('sum over a shared denominator without reducing, and compare by value', () => {
    const sum = add(ratio(2n, 6n), ratio(1n, 6n));
    expect(sum).toEqual({ n: 3n, d: 6n });
    expect(compare(sum, rational(1n, 2n))).toBe(0);
    expect(compare(add(rational(1n, 3n), rational(1n, 6n)), rational(1n, 2n))).toBe(0);
  });
});
