// Random balanced journals for property tests that cross modules: debit/credit pairs over given accounts,
// dated over a range of days, some with a department, with the expected result worked out in integer cents.
import fc from 'fast-check';
import { formatMoney } from '../../ingest/index.ts';

export interface RandomLine {
  account: string;
  debit?: string;
  credit?: string;
  department?: string;
}

export interface RandomJournal {
  date: string;
  memo?: string;
  lines: RandomLine[];
}

export interface RandomJournalOptions {
  accounts: readonly string[];
  /** The first posting date (YYYY-MM-DD) and how many days the journals spread over. */
  firstDay: string;
  days: number;
  departments?: ReadonlyArray<string | undefined>;
  maxJournals?: number;
}

const MS_PER_DAY = 86_400_000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Lists of one to `maxJournals` journals, each one to three debit/credit pairs on one date: always balanced. */
export function randomJournals(options: RandomJournalOptions): fc.Arbitrary<RandomJournal[]> {
  const departments = options.departments ?? [undefined, undefined, 'SAL', 'ADM'];
  const split = fc.record({
    debit: fc.constantFrom(...options.accounts),
    credit: fc.constantFrom(...options.accounts),
    cents: fc.integer({ min: 1, max: 5_000_000 }),
    department: fc.constantFrom(...departments),
  });
  const journal = fc.record({
    day: fc.integer({ min: 0, max: options.days - 1 }),
    splits: fc.array(split, { minLength: 1, maxLength: 3 }),
  });
  return fc.array(journal, { minLength: 1, maxLength: options.maxJournals ?? 12 }).map((journals) =>
    journals.map((generated) => ({
      date: addDays(options.firstDay, generated.day),
      memo: 'random',
      lines: generated.splits.flatMap((pair) => {
        const amount = formatMoney(BigInt(pair.cents));
        const dimension = pair.department ? { department: pair.department } : {};
        return [
          { account: pair.debit, debit: amount, ...dimension },
          { account: pair.credit, credit: amount, ...dimension },
        ];
      }),
    })),
  );
}

/** Cents of a decimal string such as "-1234.50" or "0". */
export function cents(text: unknown): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(text).trim());
  if (!match) throw new Error(`not an amount with at most two decimals: ${String(text)}`);
  const value = BigInt(match[2] as string) * 100n + BigInt((match[3] ?? '').padEnd(2, '0') || '0');
  return match[1] ? -value : value;
}

/**
 * Sum of debit − credit of the lines whose account is in `accounts`, dated between `from` and `to` and
 * (when given) carrying `department`: the arithmetic a statement must reproduce.
 */
export function netOf(
  journals: readonly RandomJournal[],
  accounts: ReadonlySet<string>,
  range: { from: string; to: string; department?: string },
): bigint {
  let sum = 0n;
  for (const journal of journals) {
    if (journal.date < range.from || journal.date > range.to) continue;
    for (const line of journal.lines) {
      if (!accounts.has(line.account)) continue;
      if (range.department !== undefined && line.department !== range.department) continue;
      sum += cents(line.debit ?? '0') - cents(line.credit ?? '0');
    }
  }
  return sum;
}
