import { DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampTZValue } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { cellText, isoFromMicros, joinColumn, NULL_MARK, VALUE_SEPARATOR } from './column-text.ts';

describe('joinColumn', () => {
  it('joins text, numbers and bigints with the separator and marks NULL', () => {
    expect(joinColumn(['a', 2, 3n, null, true])).toBe(
      ['a', '2', '3', NULL_MARK, 'true'].join(VALUE_SEPARATOR),
    );
  });

  it('writes a column of NULLs as marks only', () => {
    expect(joinColumn([null, undefined, null])).toBe([NULL_MARK, NULL_MARK, NULL_MARK].join(VALUE_SEPARATOR));
  });

  it('refuses values that hold a separator, a NULL mark or NUL', () => {
    for (const bad of [`a${VALUE_SEPARATOR}b`, NULL_MARK, `x${NULL_MARK}`, 'nul\u0000']) {
      expect(joinColumn(['ok', bad])).toBeUndefined();
    }
  });

  it('writes DuckDB values as exact text', () => {
    expect(cellText(new DuckDBDecimalValue(123_456n, 18, 2))).toBe('1234.56');
    expect(cellText(new DuckDBDateValue(20_162))).toBe('2025-03-15');
    expect(cellText(new DuckDBTimestampTZValue(1_742_000_000_123_456n))).toBe('2025-03-15T00:53:20.123456Z');
  });

  it('keeps microseconds before 1970 too', () => {
    expect(isoFromMicros(-1n)).toBe('1969-12-31T23:59:59.999999Z');
  });
});
