// The journal invariants of the general ledger (tests/sql/assert_journals_match_their_entries.sql) pass on a
// sound ledger and name each broken rule on one that is not: a line written past ingest into a posted journal,
// with a line number the journal already has and nothing on the other side. The balance mart's own check
// (assert_account_balances_match_facts.sql) passes on a built mart and names the account and month of one that
// drifted from its facts. The lines' own fiscal positions are checked against the calendar's
// (assert_journal_lines_match_the_calendar.sql).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJournalBatchCommand } from '../../../ingest/index.ts';
import { openTestLedger, type TestLedger } from '../../../tests/support/ledger.ts';
import { loadProject, type Project, runTransform } from '../../../transform/index.ts';

const PROJECT_DIR = fileURLToPath(new URL('../../..', import.meta.url));
const TEST = 'assert_journals_match_their_entries';
const VARS = { calendar_as_of: '2025-12-31' };
const LONG_JOURNAL_LINES = 70;

let ledger: TestLedger;
let project: Project;

beforeAll(async () => {
  ledger = await openTestLedger();
  project = await loadProject(PROJECT_DIR);
  const journal = (memo: string) => ({
    date: '2025-06-30',
    memo,
    lines: [
      { account: '6310', debit: '150.00' },
      { account: '1130', credit: '150.00' },
    ],
  });
  // Beyond 63 lines, line numbers are counted another way than below (see the test's SQL).
  const long = {
    date: '2025-06-30',
    memo: 'many lines',
    lines: [
      ...Array.from({ length: LONG_JOURNAL_LINES - 1 }, () => ({ account: '6310', debit: '1.00' })),
      { account: '1130', credit: `${LONG_JOURNAL_LINES - 1}.00` },
    ],
  };
  await ledger.ledger.submit(
    postJournalBatchCommand({ user: 'invariant-tests' }, [journal('rent'), journal('more rent'), long]),
  );
});

afterAll(async () => {
  await ledger.dispose();
});

async function invariantTest(full: boolean) {
  const run = await runTransform(ledger.ledger.db, project, { full, vars: VARS });
  const node = run.nodes.find((candidate) => candidate.node === TEST);
  if (!node) throw new Error(`${TEST} did not run`);
  return node;
}

describe(TEST, () => {
  it('passes on journals posted through ingest', async () => {
    expect(await invariantTest(true)).toMatchObject({ status: 'pass', rows: 0 });
  });

  it('names every rule a corrupted journal breaks', async () => {
    const db = ledger.ledger.db;
    const entries = await db.query(
      'select document_number, line_count from facts.journal_entries order by seq',
    );
    const [first, , long] = entries;
    // Past the writer on purpose: the corruption the test exists to catch cannot come through ingest. Line 1
    // of the first journal, and line 65 of the long one, again.
    for (const [document, lineNo] of [
      [first?.document_number, 1],
      [long?.document_number, 65],
    ] as const) {
      await db.writeConnection.run(
        `insert into facts.journal_lines
         select (select max(seq) + 1 from facts.journal_lines), document_type, document_number, line_no,
                posting_date, account_code, debit, 0, department, cost_center, project, party, memo, recorded_at,
                user_name, idempotency_key
         from facts.journal_lines
         where document_number = $document and line_no = $line_no`,
        { document: String(document), line_no: lineNo },
      );
    }
    const node = await invariantTest(true);
    expect(node.status).toBe('fail');
    const problems = 'unbalanced, mart_lines_differ, fact_lines_differ, duplicate_line_numbers';
    const failing = [...(node.failingRows ?? [])].sort((a, b) =>
      String(a.document_number).localeCompare(String(b.document_number)),
    );
    expect(failing).toEqual([
      expect.objectContaining({
        document_number: first?.document_number,
        problems,
        entry_line_count: 2,
        mart_line_count: '3',
        fact_line_count: '3',
      }),
      expect.objectContaining({
        document_number: long?.document_number,
        problems,
        entry_line_count: LONG_JOURNAL_LINES,
        mart_line_count: String(LONG_JOURNAL_LINES + 1),
        fact_line_count: String(LONG_JOURNAL_LINES + 1),
      }),
    ]);
  });
});

/** Runs the singular test `name` alone (dbt `test --select`) on the marts as they are. */
async function singularTest(name: string) {
  const run = await runTransform(ledger.ledger.db, project, { command: 'test', select: [name], vars: VARS });
  const node = run.nodes.find((candidate) => candidate.node === name);
  if (!node) throw new Error(`${name} did not run`);
  return node;
}

describe('assert_account_balances_match_facts', () => {
  const balancesTest = () => singularTest('assert_account_balances_match_facts');

  it('passes when the balance mart sums the facts, and names the account and month where it does not', async () => {
    const db = ledger.ledger.db;
    await runTransform(db, project, { full: true, vars: VARS, command: 'run' });
    expect(await balancesTest()).toMatchObject({ status: 'pass', rows: 0 });
    // Past the transforms on purpose: a mart that drifted from its facts is what the test exists to catch.
    await db.writeConnection.run(
      "update marts.fct_account_balances set debit = debit + 1 where account_code = '6310' and period = '2025-06'",
    );
    const [facts] = await db.query(
      `select sum(debit)::varchar as debit from facts.journal_lines
       where account_code = '6310' and posting_date between '2025-06-01' and '2025-06-30'`,
    );
    const factDebit = String(facts?.debit);
    const node = await balancesTest();
    expect(node.status).toBe('fail');
    expect(node.failingRows).toEqual([
      expect.objectContaining({
        account_code: '6310',
        period: '2025-06',
        fact_debit: factDebit,
        mart_debit: (Number(factDebit) + 1).toFixed(2),
      }),
    ]);
  });
});

describe('assert_journal_lines_match_the_calendar', () => {
  const calendarTest = () => singularTest('assert_journal_lines_match_the_calendar');

  it("passes when each line's fiscal position is the calendar's, and names the line where it is not", async () => {
    const db = ledger.ledger.db;
    await runTransform(db, project, { full: true, vars: VARS, command: 'run' });
    expect(await calendarTest()).toMatchObject({ status: 'pass', rows: 0 });
    const [line] = await db.query(
      "select seq::varchar as seq from marts.fct_journal_lines where account_code = '1130' order by seq limit 1",
    );
    // Past the transforms on purpose: a line placed in another quarter than its date's.
    await db.writeConnection.run(
      `update marts.fct_journal_lines set fiscal_quarter = fiscal_quarter % 4 + 1 where seq = ${String(line?.seq)}`,
    );
    const node = await calendarTest();
    expect(node.status).toBe('fail');
    expect(node.failingRows).toEqual([
      expect.objectContaining({
        seq: String(line?.seq),
        posting_date: '2025-06-30',
        fiscal_quarter: 3,
        calendar_fiscal_quarter: 2,
      }),
    ]);
  });
});
