// General-ledger pages against an oracle: every line of the scope read plainly from the mart, ordered by
// posting date then sequence, with the running balance summed in JavaScript. Journals are posted out of date
// order and several share a day, so sequence and date order differ, as they do with back-dated postings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from '../../ingest/index.ts';
import { addDays } from '../dates.ts';
import { type JournalSpec, openReportLedger } from '../test-support.ts';

const FIRST_DAY = '2025-01-01';
const DAYS = 90;
/** Bank accounts under the group 1100, and the other sides. */
const BANKS = ['1110', '1130', '1140'];
const OTHERS = ['4110', '5110', '6310'];
/** Each run builds a ledger and its marts (about a second). */
const RUNS = 8;

const journal = fc.record({
  day: fc.integer({ min: 0, max: DAYS - 1 }),
  bank: fc.constantFrom(...BANKS),
  other: fc.constantFrom(...OTHERS),
  cents: fc.integer({ min: -900_000, max: 900_000 }).filter((cents) => cents !== 0),
  department: fc.constantFrom(undefined, 'SAL'),
});

type Generated = typeof journal extends fc.Arbitrary<infer T> ? T : never;

function toJournal(generated: Generated): JournalSpec {
  const amount = formatMoney(BigInt(Math.abs(generated.cents)));
  const [debit, credit] =
    generated.cents > 0 ? [generated.bank, generated.other] : [generated.other, generated.bank];
  const dimension = generated.department ? { department: generated.department } : {};
  return {
    date: addDays(FIRST_DAY, generated.day),
    lines: [
      { account: debit, debit: amount, ...dimension },
      { account: credit, credit: amount, ...dimension },
    ],
  };
}

function minor(value: unknown): bigint {
  const parsed = parseMoney(String(value));
  if (!parsed.ok) throw new Error(`not money: ${String(value)}`);
  return parsed.minor;
}

describe('general ledger pages', () => {
  it('equal the plain ordering of every line with its running balance, page by page', async () => {
    const scenario = fc.record({
      journals: fc.array(journal, { minLength: 1, maxLength: 40 }),
      account: fc.constantFrom('1100', ...BANKS),
      from: fc.integer({ min: 0, max: DAYS - 1 }),
      length: fc.integer({ min: 0, max: DAYS }),
      limit: fc.integer({ min: 1, max: 7 }),
      department: fc.constantFrom(undefined, 'SAL'),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ journals, account, from, length, limit, department }) => {
        const ledger = await openReportLedger();
        try {
          // One batch per journal, so each gets its own sequence numbers in the order generated.
          for (const generated of journals) await ledger.post([toJournal(generated)]);
          await ledger.transform();
          const range = { from: addDays(FIRST_DAY, from), to: addDays(FIRST_DAY, from + length) };
          const scope = account === '1100' ? BANKS : [account];
          const lines = await ledger.test.ledger.db.query(
            `select posting_date, seq::varchar as seq, amount, coalesce(department, '') as department
             from marts.fct_journal_lines
             where list_contains(string_split($accounts, ','), account_code)
             order by posting_date, fct_journal_lines.seq`,
            { accounts: scope.join(',') },
          );
          const mine = lines.filter((line) => !department || line.department === department);
          const before = mine.filter((line) => String(line.posting_date) < range.from);
          const inRange = mine.filter(
            (line) => String(line.posting_date) >= range.from && String(line.posting_date) <= range.to,
          );
          let running = before.reduce((sum, line) => sum + minor(line.amount), 0n);
          const expected = inRange.map((line) => {
            running += minor(line.amount);
            return {
              posting_date: line.posting_date,
              amount: line.amount,
              running_balance: formatMoney(running),
            };
          });
          const params = { account, ...range, limit, ...(department ? { department } : {}) };
          const pages: unknown[] = [];
          for (let offset = 0; offset < expected.length + limit; offset += limit) {
            const page = await ledger.run('general-ledger', { ...params, offset });
            expect(page.page?.total_rows).toBe(expected.length);
            pages.push(
              ...page.rows.map((row, index) => {
                expect(row.row_number).toBe(offset + index + 1);
                return {
                  posting_date: row.posting_date,
                  amount: row.amount,
                  running_balance: row.running_balance,
                };
              }),
            );
          }
          expect(pages).toEqual(expected);
        } finally {
          await ledger.dispose();
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);
});
