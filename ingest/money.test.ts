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

describe('money text, fast and general paths alike', () => {
  /** The reference: bigint arithmetic and string padding only. */
  function reference(minor: bigint): string {
    const digits = (minor < 0n ? -minor : minor).toString().padStart(3, '0');
    return `${minor < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
  }

  it('formats every amount of DECIMAL(18,2) as the reference does, and reads it back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MONEY_MAX_MINOR, max: MONEY_MAX_MINOR }), (minor) => {
        expect(formatMoney(minor)).toBe(reference(minor));
        expect(parseMoney(formatMoney(minor))).toEqual({ ok: true, minor });
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads short decimal texts as the general pattern does', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', '-', ' '), maxLength: 14 });
    fc.assert(
      fc.property(text, (input) => {
        const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(input.trim());
        const result = parseMoney(input);
        if (!match || (match[3] ?? '').length > 2) {
          expect(result.ok).toBe(false);
          return;
        }
        const minor = BigInt((match[2] as string) + (match[3] ?? '').padEnd(2, '0'));
        expect(result).toEqual({ ok: true, minor: match[1] ? -minor : minor });
      }),
      { numRuns: 5_000 },
    );
  });
});
