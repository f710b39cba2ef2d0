// Exact stock quantities: integer thousandths (bigint) inside, decimal strings at the edges, never a float.
// DuckDB columns are DECIMAL(18,3): kilograms to the gram, metres to the millimetre, pieces as whole numbers.

export const QUANTITY_SCALE = 3;
const UNIT = 10n ** BigInt(QUANTITY_SCALE);
/** Largest quantity a DECIMAL(18,3) column holds, in thousandths. */
export const QUANTITY_MAX_MILLI = 10n ** 18n - 1n;

const QUANTITY_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

export type QuantityParse = { ok: true; milli: bigint } | { ok: false; code: string; message: string };

/** Parses `"12"`, `"12.5"` or `12.5` into thousandths; refuses more than three decimals and unsafe floats. */
export function parseQuantity(input: unknown): QuantityParse {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || Math.abs(input) > Number.MAX_SAFE_INTEGER / 1000)
      return { ok: false, code: 'not_a_number', message: 'quantity must be a finite number of safe size' };
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    return { ok: false, code: 'not_a_number', message: 'quantity must be a decimal string or a number' };
  }
  const match = QUANTITY_PATTERN.exec(text);
  if (!match)
    return { ok: false, code: 'not_a_number', message: `"${text.slice(0, 40)}" is not a decimal quantity` };
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > QUANTITY_SCALE)
    return {
      ok: false,
      code: 'precision_exceeded',
      message: `quantity allows at most ${QUANTITY_SCALE} decimals`,
    };
  const milli = BigInt(whole + fraction.padEnd(QUANTITY_SCALE, '0'));
  if (milli > QUANTITY_MAX_MILLI)
    return { ok: false, code: 'quantity_too_large', message: 'quantity is too large' };
  return { ok: true, milli: sign ? -milli : milli };
}

/** Formats thousandths as a decimal string with three decimals: `12500n` → `"12.500"`. */
export function formatQuantity(milli: bigint): string {
  const negative = milli < 0n;
  const digits = (negative ? -milli : milli).toString().padStart(QUANTITY_SCALE + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -QUANTITY_SCALE)}.${digits.slice(-QUANTITY_SCALE)}`;
}

/** Quantity in thousandths from a whole number of units (tests and demo data). */
export function units(count: number | bigint): bigint {
  return BigInt(count) * UNIT;
}

/**
 * `numerator / denominator` rounded half away from zero: how a share of a value is cut to the cent. The
 * caller keeps the remainder where it belongs (the stock that stays), so nothing is lost to rounding.
 */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** Unit cost of `value` cents over `milli` thousandths, in millionths of the currency (DECIMAL(18,6)). */
export function unitCostMicros(value: bigint, milli: bigint): bigint {
  // value cents → micros is ×10 000; per unit rather than per thousandth is ×1 000.
  return divideRounded(value * 10_000n * UNIT, milli);
}

/** Millionths of the currency as a decimal string with six decimals. */
export function formatMicros(micros: bigint): string {
  const negative = micros < 0n;
  const digits = (negative ? -micros : micros).toString().padStart(7, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/** The smaller of two bigints (Math.min takes numbers only). */
export function smaller(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** The larger of two bigints. */
export function larger(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** Decimals of a unit price or cost: millionths of the currency, DECIMAL(18,6). */
export const PRICE_SCALE = 6;
const PRICE_PATTERN = /^(\d+)(?:\.(\d+))?$/;
/** Largest unit price a DECIMAL(18,6) column holds, in millionths. */
export const PRICE_MAX_MICROS = 10n ** 18n - 1n;

export type PriceParse = { ok: true; micros: bigint } | { ok: false; code: string; message: string };

/** Parses a unit price (`"12.5"`, `12.5`) into millionths; refuses negatives and more than six decimals. */
export function parsePrice(input: unknown): PriceParse {
  const text = typeof input === 'number' && Number.isFinite(input) ? String(input) : input;
  if (typeof text !== 'string')
    return { ok: false, code: 'not_a_number', message: 'a price is a decimal string or a number' };
  const match = PRICE_PATTERN.exec(text.trim());
  if (!match) return { ok: false, code: 'not_a_number', message: 'a price is a decimal of zero or more' };
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > PRICE_SCALE)
    return { ok: false, code: 'precision_exceeded', message: `a price has at most ${PRICE_SCALE} decimals` };
  const micros = BigInt(whole + fraction.padEnd(PRICE_SCALE, '0'));
  if (micros > PRICE_MAX_MICROS) return { ok: false, code: 'price_too_large', message: 'price is too large' };
  return { ok: true, micros };
}

/** The value in cents of `quantity` thousandths at `priceMicros` per unit, rounded half away from zero. */
export function valueAt(quantity: bigint, priceMicros: bigint): bigint {
  // thousandths × millionths = 10⁻⁹ of the currency; cents are 10⁻².
  return divideRounded(quantity * priceMicros, 10_000_000n);
}
