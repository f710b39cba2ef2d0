// The general ledger's page index against an oracle: the scope's lines read plainly from the mart in reading
// order (posting date, then seq). Blocks of a few lines, so that every page crosses blocks; journals posted
// out of date order, and a second batch back-dated into the first's dates, as a transform adds them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from '../../ingest/index.ts';
import { addDays } from '../dates.ts';
import { type JournalSpec, openReportLedger, type ReportLedger } from '../test-support.ts';
import { buildLedgerIndex, extendLedgerIndex, type LedgerIndex, type Scope } from './ledger-index.ts';
import { pageWindow, rangeFigures } from './ledger-pages.ts';

const FIRST_DAY = '2025-03-01';
const DAYS = 20;
const BANKS = ['1110', '1130'];
/** Each run builds a ledger and its marts twice (about two seconds). */
const RUNS = 6;

const journal = fc.record({
  day: fc.integer({ min: 0, max: DAYS - 1 }),
  bank: fc.constantFrom(...BANKS),
  cents: fc.integer({ min: -500_000, max: 500_000 }).filter((cents) => cents !== 0),
  department: fc.constantFrom(undefined, 'SAL'),
});

type Generated = typeof journal extends fc.Arbitrary<infer T> ? T : never;

function toJournal({ day, bank, cents, department }: Generated): JournalSpec {
  const amount = formatMoney(BigInt(Math.abs(cents)));
  const [debit, credit] = cents > 0 ? [bank, '4110'] : ['5110', bank];
  const dimension = department ? { department } : {};
  return {
    date: addDays(FIRST_DAY, day),
    lines: [
      { account: debit, debit: amount, ...dimension },
      { account: credit, credit: amount, ...dimension },
    ],
  };
}

interface Line {
  date: string;
  seq: bigint;
  debit: bigint;
  credit: bigint;
}

function minor(value: unknown): bigint {
  const parsed = parseMoney(String(value));
  if (!parsed.ok) throw new Error(`not money: ${String(value)}`);
  return parsed.minor;
}

async function oracle(ledger: ReportLedger, scope: Scope): Promise<Line[]> {
  const rows = await ledger.test.ledger.db.query(
    `select posting_date::varchar as date, seq::varchar as seq, debit, credit
     from marts.fct_journal_lines
     where list_contains(string_split($accounts, ','), account_code)
         and ($department is null or department = $department)
     order by posting_date, fct_journal_lines.seq`,
    { accounts: scope.accounts, department: scope.department },
  );
  return rows.map((row) => ({
    date: String(row.date),
    seq: BigInt(String(row.seq)),
    debit: minor(row.debit),
    credit: minor(row.credit),
  }));
}

const ascending = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

const amountOf = (lines: Line[]) => lines.reduce((sum, line) => sum + line.debit - line.credit, 0n);

/** Every block and every range's figures equal what the oracle's lines say. */
function expectIndexOf(index: LedgerIndex, lines: Line[]): void {
  const k = index.blockLines;
  expect(index.lineCount).toBe(lines.length);
  expect(index.firstDate.length).toBe(Math.ceil(lines.length / k));
  index.firstDate.forEach((date, block) => {
    const inBlock = lines.slice(block * k, (block + 1) * k);
    const seqs = inBlock.map((line) => line.seq).sort(ascending);
    expect([date, index.firstSeq[block]]).toEqual([inBlock[0]?.date, inBlock[0]?.seq]);
    expect([index.lowSeq[block], index.highSeq[block]]).toEqual([seqs[0], seqs.at(-1)]);
    expect(index.balanceBefore[block]).toBe(amountOf(lines.slice(0, block * k)));
  });
}

/** The lines a page window selects, by the same rules as the page query: keys, seq span, count. */
function expectWindows(index: LedgerIndex, lines: Line[], from: string, to: string, limit: number): void {
  const inRange = lines.filter((line) => line.date >= from && line.date <= to);
  const range = rangeFigures(index, from, to);
  expect(range.opening).toBe(amountOf(lines.filter((line) => line.date < from)));
  expect(range.debit).toBe(inRange.reduce((sum, line) => sum + line.debit, 0n));
  expect(range.credit).toBe(inRange.reduce((sum, line) => sum + line.credit, 0n));
  expect(range.lineCount).toBe(inRange.length);
  for (let offset = 0; offset < inRange.length + limit; offset += limit) {
    const window = pageWindow(index, range, offset, limit);
    const page = inRange.slice(offset, offset + limit);
    if (page.length === 0) {
      expect(window).toBeNull();
      continue;
    }
    if (!window) throw new Error(`no window for offset ${offset}`);
    const read = lines.filter(
      (line) =>
        line.seq >= window.lowSeqBound &&
        line.seq <= window.highSeqBound &&
        (line.date > window.lowDate || (line.date === window.lowDate && line.seq >= window.lowSeq)) &&
        (line.date < window.highDate || (line.date === window.highDate && line.seq < window.highSeq)),
    );
    expect(read.length).toBe(window.lines);
    expect(read.slice(window.skip, window.skip + window.take)).toEqual(page);
    const first = lines.indexOf(read[0] as Line);
    expect(window.balanceBefore).toBe(amountOf(lines.slice(0, first)));
  }
}

describe('the general ledger page index', () => {
  it('places every line and every page of a range, and stays right as back-dated lines arrive', async () => {
    const scenario = fc.record({
      first: fc.array(journal, { minLength: 0, maxLength: 25 }),
      later: fc.array(journal, { minLength: 0, maxLength: 12 }),
      account: fc.constantFrom('1100', ...BANKS),
      department: fc.constantFrom(null, 'SAL'),
      blockLines: fc.integer({ min: 1, max: 4 }),
      from: fc.integer({ min: 0, max: DAYS - 1 }),
      length: fc.integer({ min: 0, max: DAYS }),
      limit: fc.integer({ min: 1, max: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ first, later, account, department, blockLines, ...page }) => {
        const ledger = await openReportLedger();
        try {
          const scope: Scope = {
            accounts: (account === '1100' ? BANKS : [account]).join(','),
            department,
            cost_center: null,
            project: null,
          };
          const db = ledger.test.ledger.db;
          const range = [addDays(FIRST_DAY, page.from), addDays(FIRST_DAY, page.from + page.length)] as const;
          for (const generated of first) await ledger.post([toJournal(generated)]);
          await ledger.transform();
          const built = await buildLedgerIndex(db, scope, blockLines);
          const before = await oracle(ledger, scope);
          expectIndexOf(built, before);
          expectWindows(built, before, ...range, page.limit);

          for (const generated of later) await ledger.post([toJournal(generated)]);
          await ledger.transform();
          const extended = await extendLedgerIndex(db, scope, built);
          const after = await oracle(ledger, scope);
          expectIndexOf(extended, after);
          expectWindows(extended, after, ...range, page.limit);
          expect(extended).toEqual(await buildLedgerIndex(db, scope, blockLines));
        } finally {
          await ledger.dispose();
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);

  it('brings a kept index up to date when a transform publishes, reading the new lines only', async () => {
    const ledger = await openReportLedger();
    try {
      const range = { account: '1130', from: FIRST_DAY, to: addDays(FIRST_DAY, DAYS - 1), limit: 3 };
      for (const day of [2, 9, 15, 4, 11])
        await ledger.post([toJournal({ day, bank: '1130', cents: 1_000 + day, department: undefined })]);
      await ledger.transform();
      const first = await ledger.run('general-ledger', range);
      expect(first.page?.total_rows).toBe(5);
      const scope: Scope = { accounts: '1130', department: null, cost_center: null, project: null };
      const watermark = (await oracle(ledger, scope))
        .map((line) => line.seq)
        .sort(ascending)
        .at(-1);

      // Two back-dated journals and one after the last date; the transform publishes them.
      for (const day of [3, 3, 19])
        await ledger.post([toJournal({ day, bank: '1130', cents: -(500 + day), department: undefined })]);
      await ledger.transform();
      // Every query the pages ask, with its parameters (the kept index is kept per database object).
      const asked: Array<{ sql: string; above?: unknown }> = [];
      const db = ledger.test.ledger.db;
      const query = db.query.bind(db);
      db.query = ((sql: string, params?: Record<string, unknown>) => {
        asked.push({ sql, above: params?.above });
        return query(sql, params as never);
      }) as typeof db.query;
      const pages = [];
      try {
        for (let offset = 0; offset < 8; offset += range.limit)
          pages.push(...(await ledger.run('general-ledger', { ...range, offset })).rows);
      } finally {
        db.query = query;
      }
      const lines = await oracle(ledger, scope);
      let running = 0n;
      expect(pages.map((row) => [row.posting_date, row.running_balance])).toEqual(
        lines.map((line) => {
          running += line.debit - line.credit;
          return [line.date, formatMoney(running)];
        }),
      );
      // The first page after the publish read the lines above the watermark, and no page read them all again.
      const daysRead = asked.filter(({ sql }) => sql.includes('seq > cast($above as bigint)'));
      expect(daysRead.map(({ above }) => above)).toEqual([String(watermark)]);
      expect(asked.filter(({ sql }) => sql.includes('row_number() over'))).toHaveLength(1);
    } finally {
      await ledger.dispose();
    }
  });

  it('refuses a page whose lines the index did not count, naming the scope and both counts', async () => {
    const ledger = await openReportLedger();
    try {
      for (const day of [2, 5])
        await ledger.post([toJournal({ day, bank: '1130', cents: 700, department: undefined })]);
      await ledger.transform();
      const range = { account: '1130', from: FIRST_DAY, to: addDays(FIRST_DAY, DAYS - 1) };
      expect((await ledger.run('general-ledger', range)).rows).toHaveLength(2);
      // Past the writer on purpose, and with no transform after it: a fact line the marts (and so the kept
      // index) never saw, under the seq of a line they did, is what the count guards against.
      const db = ledger.test.ledger.db;
      await db.writeConnection.run(
        `insert into facts.journal_lines
         select * from facts.journal_lines where account_code = '1130' order by seq limit 1`,
      );
      await expect(ledger.run('general-ledger', range)).rejects.toThrow(
        'the general-ledger index expected 2 lines of 1130 and read 3',
      );
    } finally {
      await ledger.dispose();
    }
  });
});
