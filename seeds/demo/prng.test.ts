// The seeded PRNG behind the demo: repeatable, in range, fair enough.
import { describe, expect, it } from 'vitest';
import { mulberry32, Rng } from './prng.ts';

describe('the demo PRNG', () => {
  it('gives the same sequence for the same seed', () => {
    const first = mulberry32(42);
    const second = mulberry32(42);
    const a = Array.from({ length: 1000 }, () => first());
    const b = Array.from({ length: 1000 }, () => second());
    expect(a).toEqual(b);
  });

  it('gives a different sequence for a different seed', () => {
    const first = mulberry32(42);
    const second = mulberry32(43);
    expect(Array.from({ length: 10 }, () => first())).not.toEqual(Array.from({ length: 10 }, () => second()));
  });

  it('keeps a known first value, so the sequence cannot drift between releases', () => {
    expect(mulberry32(1)()).toBeCloseTo(0.6270739405881613, 15);
  });

  it('draws integers inside the closed range and reaches both ends', () => {
    const rng = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const value = rng.int(3, 9);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(9);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('picks weighted items roughly in proportion to their weights', () => {
    const rng = new Rng(11);
    const hits = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) hits[rng.pickWeighted(['a', 'b'] as const, [1, 4])]++;
    expect(hits.a / 10_000).toBeGreaterThan(0.2);
    expect(hits.a / 10_000).toBeLessThan(0.3);
  });

  it('keeps varied amounts integral', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 100; i++) expect(typeof rng.vary(123_45n, 10)).toBe('bigint');
  });
});
