// Exact money: integer minor units (bigint) inside, decimal strings at the edges, never a float.
import { DuckDBDecimalValue } from '@duckdb/node-api';

/** The currency's minor-unit scale; DuckDB columns are DECIMAL(18,2). */
export const MONEY_SCALE = 2;
/** Largest amount a DECIMAL(18,2) column holds, in minor units. */
export const MONEY_MAX_MINOR = 10n ** 18n - 1n;

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

/** Formats minor units as a decimal string with exactly two decimals: `123450n` → `"1234.50"`. */
export function formatMoney(minor: bigint): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(MONEY_SCALE + 1, '0');
  const whole = digits.slice(0, -MONEY_SCALE);
  return `${negative ? '-' : ''}${whole}.${digits.slice(-MONEY_SCALE)}`;
}

const DECIMAL_ZERO = new DuckDBDecimalValue(0n, 18, MONEY_SCALE);

/** A DuckDB DECIMAL(18,2) value for the appender (zero is shared: half of all journal amounts are zero). */
export function toDecimal(minor: bigint): DuckDBDecimalValue {
  return minor === 0n ? DECIMAL_ZERO : new DuckDBDecimalValue(minor, 18, MONEY_SCALE);
}

/** Reads a decimal string from DuckDB (`getRowObjectsJson`) back into minor units. */
export function minorFromString(text: string | null | undefined): bigint {
  if (text === null || text === undefined) return 0n;
  const parsed = parseMoney(text);
  if (!parsed.ok) throw new Error(`not a money value: ${text}`);
  return parsed.minor;
}
