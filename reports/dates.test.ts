// Comparison ranges and month arithmetic for statement parameters.
import { describe, expect, it } from 'vitest';
import { addMonths, comparisonRange, monthsTouched } from './dates.ts';

describe('comparisonRange', () => {
  it('compares whole months with the same number of whole months before', () => {
    expect(comparisonRange('2025-01-01', '2025-03-31', 'previous-period')).toEqual({
      from: '2024-10-01',
      to: '2024-12-31',
    });
    expect(comparisonRange('2025-03-01', '2025-03-31', 'previous-period')).toEqual({
      from: '2025-02-01',
      to: '2025-02-28',
    });
  });

  it('compares a range of days with as many days just before', () => {
    expect(comparisonRange('2025-03-10', '2025-03-19', 'previous-period')).toEqual({
      from: '2025-02-28',
      to: '2025-03-09',
    });
  });

  it('keeps a month end a month end a year earlier', () => {
    expect(comparisonRange('2024-02-01', '2024-02-29', 'previous-year')).toEqual({
      from: '2023-02-01',
      to: '2023-02-28',
    });
    expect(comparisonRange('2025-02-01', '2025-02-28', 'previous-year')).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
  });

  it('has nothing to compare with when asked for none', () => {
    expect(comparisonRange('2025-01-01', '2025-01-31', 'none')).toBeNull();
  });
});

describe('month arithmetic', () => {
  it('clamps the day when a month is shorter', () => {
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-01-15', -13)).toBe('2023-12-15');
  });

  it('counts the months a range touches, partial ones included', () => {
    expect(monthsTouched('2025-01-15', '2025-03-01')).toBe(3);
    expect(monthsTouched('2024-12-31', '2025-01-01')).toBe(2);
  });
});
