import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJournal, readJournal } from './journal-input.ts';
import { JournalInput } from './schema.ts';

/** Random journals compared with the schema. */
const RUNS = 5_000;

/** Mostly `usual` values, sometimes an `odd` one, so both paths are taken often. */
function mostly<T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) {
  return fc.oneof({ arbitrary: usual, weight: 12 }, { arbitrary: odd, weight: 1 });
}
const code = mostly(
  fc.constantFrom('6310', '1130', 'ADM', 'x'.repeat(64)),
  fc.oneof(
    fc.constantFrom(' ADM', 'ADM ', '', '\t', 'x'.repeat(65), 'a\u00a0', 42),
    fc.string({ maxLength: 8 }),
  ),
);
const amount = mostly(
  fc.oneof(fc.constantFrom('12.34', '0', '5.5', 12.34), fc.integer({ min: 0, max: 1_000_000 })),
  fc.oneof(
    fc.constantFrom('12.345', '-1.00', '1e3', ' 5.5', '1'.repeat(41), 0.1 + 0.2, 1e300, Number.NaN, null),
    fc.string({ maxLength: 6 }),
  ),
);
const memo = mostly(fc.string({ maxLength: 8 }), fc.constantFrom('m'.repeat(501), 7));
const line = fc.record(
  {
    account: code,
    debit: amount,
    credit: amount,
    department: code,
    cost_center: code,
    project: code,
    party: code,
    memo,
  },
  { requiredKeys: ['account'], noNullPrototype: true },
);
const usualJournal = fc.record(
  {
    date: mostly(fc.constant('2025-03-14'), fc.constantFrom('2025-02-30', '2025-3-14', 20250314)),
    memo,
    reference: code,
    lines: fc.array(line, { minLength: 1, maxLength: 4 }),
  },
  { requiredKeys: ['date', 'lines'], noNullPrototype: true },
);
/** Now and then a key the schema does not know, or an object without the usual prototype. */
const journal = mostly(
  usualJournal,
  fc.oneof(
    usualJournal.map((value) => ({ ...value, extra: 1 })),
    usualJournal.map((value) => ({ ...value, lines: value.lines.map((item) => ({ ...item, extra: 'x' })) })),
    usualJournal.map((value) => Object.assign(Object.create(null), value)),
  ),
);

describe('readJournal', () => {
  it('returns exactly what the schema returns, whenever it returns anything', () => {
    let read = 0;
    fc.assert(
      fc.property(journal, (input) => {
        const direct = readJournal(input);
        const parsed = JournalInput.safeParse(input);
        if (direct === undefined) return;
        read++;
        expect(parsed.success).toBe(true);
        expect(direct).toEqual(parsed.data);
      }),
      { numRuns: RUNS },
    );
    // The comparison means something only if the generator reaches the direct path often enough.
    expect(read).toBeGreaterThan(RUNS / 100);
  });

  it('reads an ordinary journal without the schema', () => {
    const input = {
      date: '2025-03-14',
      memo: 'rent',
      lines: [
        { account: '6310', debit: '1200.00', department: 'ADM' },
        { account: '1130', credit: 1200 },
      ],
    };
    expect(readJournal(input)).toEqual({
      date: '2025-03-14',
      memo: 'rent',
      lines: [
        { account: '6310', debit: 120_000n, department: 'ADM' },
        { account: '1130', credit: 120_000n },
      ],
    });
  });

  it('leaves a malformed journal to the schema, which names every field at fault', () => {
    const input = { date: '2025-02-30', lines: [{ account: ' ', debit: '1.001' }], extra: true };
    expect(readJournal(input)).toBeUndefined();
    expect(() => parseJournal(input)).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });
});
