import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, MONEY_MAX_MINOR, parseMoney } from './money.ts';

describe('parseMoney', () => {
  it('reads decimal strings and numbers into minor units', () => {
    expect(parseMoney('1234.5')).toEqual({ ok: true, minor: 123450n });
    expect(parseMoney('1234.50')).toEqual({ ok: true, minor: 123450n });
    expect(parseMoney(1234.5)).toEqual({ ok: true, minor: 123450n });
    expect(parseMoney('0.01')).toEqual({ ok: true, minor: 1n });
    expect(parseMoney('-7')).toEqual({ ok: true, minor: -700n });
  });

  it('refuses more precision than the currency allows', () => {
    expect(parseMoney('1.005')).toMatchObject({ ok: false, code: 'precision_exceeded' });
    expect(parseMoney(0.001)).toMatchObject({ ok: false, code: 'precision_exceeded' });
    expect(parseMoney(1e-7)).toMatchObject({ ok: false, code: 'precision_exceeded' });
  });

  it('refuses text that is not a plain decimal', () => {
    for (const bad of ['', 'abc', '1,000.00', '1e3', '0x10', '1.2.3', ' . ', null, true, {}]) {
      expect(parseMoney(bad)).toMatchObject({ ok: false });
    }
    expect(parseMoney(Number.NaN)).toMatchObject({ ok: false, code: 'not_a_number' });
    expect(parseMoney(Number.POSITIVE_INFINITY)).toMatchObject({ ok: false, code: 'not_a_number' });
  });

  it('refuses amounts beyond DECIMAL(18,2) and floats too large to be exact', () => {
    expect(parseMoney('10000000000000000.00')).toMatchObject({ ok: false, code: 'amount_too_large' });
    expect(parseMoney(1e15)).toMatchObject({ ok: false, code: 'amount_too_large' });
    expect(parseMoney(formatMoney(MONEY_MAX_MINOR))).toEqual({ ok: true, minor: MONEY_MAX_MINOR });
  });
});

describe('formatMoney', () => {
  it('writes exactly two decimals, with the sign in front', () => {
    expect(formatMoney(123450n)).toBe('1234.50');
    expect(formatMoney(5n)).toBe('0.05');
    expect(formatMoney(-5n)).toBe('-0.05');
    expect(formatMoney(0n)).toBe('0.00');
  });

  it('round-trips every amount through its string form', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MONEY_MAX_MINOR, max: MONEY_MAX_MINOR }), (minor) => {
        expect(parseMoney(formatMoney(minor))).toEqual({ ok: true, minor });
      }),
    );
  });
});
