// Month cuts: which ends of a range fall inside a month, so a statement reads lines only for those days.
import { describe, expect, it } from 'vitest';
import { cutsBefore, cutsKey, monthCuts, shapeCache } from './fragments.ts';

describe('month cuts', () => {
  it('see a range of whole months as uncut, and a start or end inside a month as cut', () => {
    expect(monthCuts('2025-01-01', '2025-12-31')).toEqual({ head: false, tail: false });
    expect(monthCuts('2025-01-02', '2025-12-31')).toEqual({ head: true, tail: false });
    expect(monthCuts('2025-01-01', '2025-12-30')).toEqual({ head: false, tail: true });
    expect(monthCuts(null, '2025-06-30')).toEqual({ head: false, tail: false });
  });

  it('know the last day of every month, leap years included', () => {
    expect(monthCuts(null, '2024-02-29').tail).toBe(false);
    expect(monthCuts(null, '2025-02-28').tail).toBe(false);
    expect(monthCuts(null, '2024-02-28').tail).toBe(true);
    expect(monthCuts(null, '2025-04-30').tail).toBe(false);
    expect(monthCuts(null, '2025-04-29').tail).toBe(true);
  });

  it('cut the range before a start inside a month at its tail only', () => {
    expect(cutsBefore('2025-03-01')).toEqual({ head: false, tail: false });
    expect(cutsBefore('2025-03-15')).toEqual({ head: false, tail: true });
    expect(cutsBefore(null)).toEqual({ head: false, tail: false });
    expect(cutsKey({ head: true, tail: false }, { head: false, tail: true })).toBe('h--t');
  });

  it('build each shape of SQL once', () => {
    const cached = shapeCache();
    let builds = 0;
    const build = () => `select ${++builds}`;
    expect(cached('a', build)).toBe('select 1');
    expect(cached('a', build)).toBe('select 1');
    expect(cached('b', build)).toBe('select 2');
  });
});
