// Exact money: integer minor units (bigint) inside, decimal strings at the edges, never a float.

/** The currency's minor-unit scale; DuckDB columns are DECIMAL(18,2). */
export const MONEY_SCALE = 2;
/** Largest amount a DECIMAL(18,2) column holds, in minor units. */
export const MONEY_MAX_MINOR = 10n ** 18n - 1n;

/** Plain amounts of at most this many characters are read without the regular expression. */
const QUICK_CHARS_MAX = 12;
/** Minor units below this are formatted as Numbers, where integer arithmetic is exact (2^53). */
const EXACT_NUMBER_LIMIT = 2n ** 53n;
const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_DOT = 46;

/** Zero as text, shared: half of all journal amounts are zero. */
const ZERO_TEXT = '0.00';

const MONEY_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

export type MoneyParse = { ok: true; minor: bigint } | { ok: false; code: string; message: string };

/** Parses `"1234.5"`, `"1234.50"` or `1234.5` into minor units; refuses extra precision and unsafe floats. */
export function parseMoney(input: unknown): MoneyParse {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input))
      return { ok: false, code: 'not_a_number', message: 'amount must be a finite number' };
    if (Math.abs(input) > Number.MAX_SAFE_INTEGER / 100) {
      return {
        ok: false,
        code: 'amount_too_large',
        message: 'large amounts must be sent as decimal strings',
      };
    }
    text = String(input);
    if (text.includes('e'))
      return { ok: false, code: 'precision_exceeded', message: 'amount has too many decimals' };
  } else if (typeof input === 'string') {
    const quick = quickMinor(input);
    if (quick !== undefined) return { ok: true, minor: quick };
    text = input.trim();
  } else {
    return { ok: false, code: 'not_a_number', message: 'amount must be a decimal string or a number' };
  }
  const match = MONEY_PATTERN.exec(text);
  if (!match)
    return { ok: false, code: 'not_a_number', message: `"${text.slice(0, 40)}" is not a decimal amount` };
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > MONEY_SCALE) {
    return {
      ok: false,
      code: 'precision_exceeded',
      message: `amount allows at most ${MONEY_SCALE} decimals`,
    };
  }
  const minor = BigInt(whole + fraction.padEnd(MONEY_SCALE, '0'));
  if (minor > MONEY_MAX_MINOR) return { ok: false, code: 'amount_too_large', message: 'amount is too large' };
  return { ok: true, minor: sign ? -minor : minor };
}

/**
 * `"1234.5"` → 123450n for the usual shape (digits, optionally a dot and one or two decimals, nothing else,
 * at most QUICK_CHARS_MAX characters, so the Number arithmetic stays exact); `undefined` for anything else,
 * which the general parser then reads or refuses with its reasons.
 */
function quickMinor(text: string): bigint | undefined {
  const length = text.length;
  if (length === 0 || length > QUICK_CHARS_MAX) return undefined;
  let whole = 0;
  let index = 0;
  for (; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === CHAR_DOT) break;
    if (code < CHAR_0 || code > CHAR_9) return undefined;
    whole = whole * 10 + (code - CHAR_0);
  }
  if (index === 0) return undefined;
  const decimals = index === length ? 0 : length - index - 1;
  if (index < length && (decimals < 1 || decimals > MONEY_SCALE)) return undefined;
  let cents = 0;
  for (let at = index + 1; at < length; at++) {
    const code = text.charCodeAt(at);
    if (code < CHAR_0 || code > CHAR_9) return undefined;
    cents = cents * 10 + (code - CHAR_0);
  }
  return BigInt(whole * 100 + (decimals === 1 ? cents * 10 : cents));
}

/** Formats minor units as a decimal string with exactly two decimals: `123450n` → `"1234.50"`. */
export function formatMoney(minor: bigint): string {
  if (minor === 0n) return ZERO_TEXT;
  if (minor > -EXACT_NUMBER_LIMIT && minor < EXACT_NUMBER_LIMIT) {
    // Integer arithmetic on a Number is exact below 2^53 and spares the bigint's intermediate strings.
    const value = Number(minor);
    const abs = value < 0 ? -value : value;
    const cents = abs % 100;
    return `${value < 0 ? '-' : ''}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
  }
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(MONEY_SCALE + 1, '0');
  const whole = digits.slice(0, -MONEY_SCALE);
  return `${negative ? '-' : ''}${whole}.${digits.slice(-MONEY_SCALE)}`;
}

/** Reads a decimal string from DuckDB (`getRowObjectsJson`) back into minor units. */
export function minorFromString(text: string | null | undefined): bigint {
  if (text === null || text === undefined) return 0n;
  const parsed = parseMoney(text);
  if (!parsed.ok) throw new Error(`not a money value: ${text}`);
  return parsed.minor;
}
