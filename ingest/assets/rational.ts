// Exact rational numbers over bigint, for depreciation formulas whose intermediate values are not whole
// cents (a third of a year's amount, a rate of 0.319 compounded over six years): no float ever carries money.

/** A fraction n/d with d > 0, in lowest terms when built by `rational` (`ratio` may leave it unreduced:
 * compare with `compare`, not with ===). Money rationals are in minor units (cents). */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

/** Decimals a rate may carry at most (a rate is stored as DECIMAL(7,6)). */
export const RATE_DECIMALS_MAX = 6;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(n: bigint, d = 1n): Rational {
  if (d === 0n) throw new RangeError('division by zero');
  const sign = d < 0n ? -1n : 1n;
  const divisor = gcd(n, d) || 1n;
  return { n: (sign * n) / divisor, d: (sign * d) / divisor };
}

/** n/d as given, not reduced (d > 0): for amounts that share one large denominator, where reducing each
 * one would cost a gcd on big numbers; every operation here accepts it. */
export function ratio(n: bigint, d: bigint): Rational {
  if (d <= 0n) throw new RangeError('a ratio needs a positive denominator');
  return { n, d };
}

export const ZERO = rational(0n);

/** Sums of amounts over one shared denominator stay over it, unreduced, without a gcd. */
export function add(a: Rational, b: Rational): Rational {
  if (a.n === 0n) return b;
  if (b.n === 0n) return a;
  if (a.d === b.d) return { n: a.n + b.n, d: a.d };
  return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function div(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d, a.d * b.n);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Rounds to the nearest integer, halves away from zero (ROUND_HALF_UP for the non-negative amounts of
 * a depreciation schedule; the same result as a spreadsheet's ROUND(x, 0) on exact input). */
export function roundHalfUp(value: Rational): bigint {
  if (value.n < 0n) return -roundHalfUp({ n: -value.n, d: value.d });
  return (2n * value.n + value.d) / (2n * value.d);
}

/** Parses a plain decimal such as `"0.25"` (no sign, no exponent) into an exact rational, or null. */
export function parseDecimal(text: string, decimalsMax = RATE_DECIMALS_MAX): Rational | null {
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > decimalsMax) return null;
  return rational(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
}

/** Writes a rational whose denominator divides 10^decimals as a decimal string (`3/8` → `"0.375"`). */
export function formatDecimal(value: Rational, decimals = RATE_DECIMALS_MAX): string {
  const scale = 10n ** BigInt(decimals);
  if ((value.n * scale) % value.d !== 0n) throw new RangeError('not a terminating decimal at this scale');
  const scaled = (value.n * scale) / value.d;
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, -decimals);
  const fraction = digits.slice(-decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
