import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, openTestLedger, type TestLedger } from '../../tests/support/ledger.ts';
import { LedgerError } from '../errors.ts';
import { checkJournal, POSTED_JOURNAL_LINES_MAX } from '../journal.ts';
import type { Ledger } from '../ledger.ts';
import { parseOrThrow } from '../validation.ts';
import {
  periodCommand,
  postJournalBatchCommand,
  postJournalCommand,
  reverseJournalCommand,
} from './commands.ts';
import { JournalInput } from './schema.ts';

const actor = { user: 'tester' };
const RENT = {
  date: '2025-03-14',
  memo: 'March rent',
  lines: [
    { account: '6310', debit: '1200.00', department: 'ADM' },
    { account: '1130', credit: 1200 },
  ],
};

function journal(raw: unknown) {
  return parseOrThrow(JournalInput, raw);
}

async function post(ledger: Ledger, raw: unknown, key?: string) {
  return ledger.submit(postJournalCommand({ ...actor, idempotencyKey: key }, journal(raw)));
}

async function refusal(promise: Promise<unknown>): Promise<LedgerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(async () => {
  await t.dispose();
});

describe('posting a journal', () => {
  it('appends the header, the lines, a process event and an audit entry, numbered from the series', async () => {
    const outcome = await post(t.ledger, RENT);
    expect(outcome.status).toBe(201);
    expect(outcome.body).toMatchObject({
      number: 'JV-2025-000001',
      journal: { total: '1200.00', line_count: 2 },
    });
    expect(await countRows(t.ledger, 'facts.journal_entries')).toBe(1);
    expect(await countRows(t.ledger, 'facts.journal_lines')).toBe(2);
    expect(await countRows(t.ledger, 'facts.process_events')).toBe(1);
    expect(await countRows(t.ledger, 'meta.audit_log')).toBe(1);
    const [line] = await t.ledger.db.query("select * from facts.journal_lines where account_code = '6310'");
    expect(line).toMatchObject({ debit: '1200.00', credit: '0.00', department: 'ADM', user_name: 'tester' });
  });

  it('gives every fact row its own increasing sequence number', async () => {
    await post(t.ledger, RENT);
    await post(t.ledger, RENT);
    const rows = await t.ledger.db.query(
      `select seq from facts.journal_lines union all select seq from facts.journal_entries
       union all select seq from facts.process_events union all select seq from meta.audit_log
       union all select seq from facts.documents`,
    );
    const seqs = rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.at(-1)).toBe(Number(t.ledger.state.seq));
  });

  it('rejects a journal whose debits and credits differ, writing nothing', async () => {
    const error = await refusal(
      post(t.ledger, {
        ...RENT,
        lines: [
          { account: '6310', debit: '10.00' },
          { account: '1130', credit: '9.99' },
        ],
      }),
    );
    expect(error.code).toBe('debits_must_equal_credits');
    expect(error.errors[0]?.path).toBe('lines');
    expect(await countRows(t.ledger, 'facts.journal_lines')).toBe(0);
  });

  it('refuses a posted journal longer than POSTED_JOURNAL_LINES_MAX, whoever posts it', () => {
    const line = (debit: boolean) =>
      debit ? { account: '6310', debit: 1n } : { account: '1130', credit: 1n };
    const lines = Array.from({ length: POSTED_JOURNAL_LINES_MAX + 2 }, (_, index) => line(index % 2 === 0));
    const rules = (count: number) =>
      (() => {
        try {
          checkJournal(t.ledger.state, { date: RENT.date, lines: lines.slice(0, count) }).throwIfAny();
          return [];
        } catch (error) {
          return (error as LedgerError).errors.map((problem) => problem.code);
        }
      })();
    expect(rules(POSTED_JOURNAL_LINES_MAX)).toEqual([]);
    expect(rules(POSTED_JOURNAL_LINES_MAX + 2)).toEqual(['too_many_lines']);
  });

  it('rejects a line with both a debit and a credit', async () => {
    const error = await refusal(
      post(t.ledger, {
        ...RENT,
        lines: [
          { account: '6310', debit: '10.00', credit: '10.00' },
          { account: '1130', credit: '10.00' },
          { account: '1110', debit: '10.00' },
        ],
      }),
    );
    expect(error.errors).toContainEqual(
      expect.objectContaining({ path: 'lines.0', code: 'line_needs_debit_xor_credit' }),
    );
  });

  it('rejects zero and negative amounts', async () => {
    const error = await refusal(
      post(t.ledger, {
        ...RENT,
        lines: [
          { account: '6310', debit: '-5' },
          { account: '1130', credit: '0' },
        ],
      }),
    );
    const codes = error.errors.map((item) => `${item.path}:${item.code}`);
    expect(codes).toEqual(
      expect.arrayContaining(['lines.0:amount_must_be_positive', 'lines.1:amount_must_be_positive']),
    );
  });

  it('rejects unknown accounts and group accounts, naming each line', async () => {
    const error = await refusal(
      post(t.ledger, {
        ...RENT,
        lines: [
          { account: '9999', debit: '5' },
          { account: '1000', credit: '5' },
        ],
      }),
    );
    expect(error.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'lines.0.account', code: 'account_not_found' }),
        expect.objectContaining({ path: 'lines.1.account', code: 'account_not_postable' }),
      ]),
    );
  });

  it('rejects a dimension value that is not defined', async () => {
    const error = await refusal(
      post(t.ledger, {
        ...RENT,
        lines: [
          { account: '6310', debit: '5', project: 'NOPE' },
          { account: '1130', credit: '5' },
        ],
      }),
    );
    expect(error.errors[0]).toMatchObject({ path: 'lines.0.project', code: 'unknown_dimension_value' });
  });

  it('rejects fewer than two lines and more precision than cents at the schema', () => {
    expect(() => journal({ ...RENT, lines: [{ account: '6310', debit: '5' }] })).toThrow(LedgerError);
    try {
      journal({
        ...RENT,
        lines: [
          { account: '6310', debit: '5.001' },
          { account: '1130', credit: '5' },
        ],
      });
    } catch (error) {
      expect((error as LedgerError).errors[0]).toMatchObject({
        path: 'lines.0.debit',
        code: 'precision_exceeded',
      });
    }
  });

  it('rejects posting dates outside the allowed window', async () => {
    const error = await refusal(post(t.ledger, { ...RENT, date: '1999-12-31' }));
    expect(error.code).toBe('posting_date_out_of_range');
  });
});

describe('idempotency', () => {
  it('answers a repeated key and body with the first result and writes nothing', async () => {
    const first = await post(t.ledger, RENT, 'key-1');
    const again = await post(
      t.ledger,
      { ...RENT, lines: [RENT.lines[0], { account: '1130', credit: '1200.00' }] },
      'key-1',
    );
    expect(again.replayed).toBe(true);
    expect(again.body).toEqual(first.body);
    expect(await countRows(t.ledger, 'facts.journal_entries')).toBe(1);
  });

  it('refuses the same key with a different body with idempotency_key_reused', async () => {
    await post(t.ledger, RENT, 'key-2');
    const error = await refusal(post(t.ledger, { ...RENT, memo: 'changed' }, 'key-2'));
    expect(error.kind).toBe('conflict');
    expect(error.code).toBe('idempotency_key_reused');
  });

  it('scopes keys per user, so another user with the same key gets their own journal', async () => {
    await post(t.ledger, RENT, 'shared-key');
    const other = await t.ledger.submit(
      postJournalCommand({ user: 'someone-else', idempotencyKey: 'shared-key' }, journal(RENT)),
    );
    expect(other.replayed).toBe(false);
    expect(await countRows(t.ledger, 'facts.journal_entries')).toBe(2);
  });

  it('lets a refused command be retried with the same key once it is corrected', async () => {
    await refusal(
      post(
        t.ledger,
        {
          ...RENT,
          lines: [
            { account: '6310', debit: '5' },
            { account: '1130', credit: '4' },
          ],
        },
        'k',
      ),
    );
    const outcome = await post(t.ledger, RENT, 'k');
    expect(outcome.replayed).toBe(false);
  });
});

describe('numbering', () => {
  it('is gapless per fiscal year under concurrent posting, with refusals mixed in', async () => {
    const bad = {
      ...RENT,
      lines: [
        { account: '6310', debit: '5' },
        { account: '1130', credit: '4' },
      ],
    };
    const attempts = Array.from({ length: 60 }, (_, index) =>
      post(t.ledger, index % 7 === 3 ? bad : { ...RENT, date: index % 2 ? '2025-05-01' : '2026-01-05' }).then(
        (outcome) => (outcome.body as { number: string }).number,
        () => null,
      ),
    );
    const numbers = (await Promise.all(attempts)).filter((number): number is string => number !== null);
    for (const year of ['2025', '2026']) {
      const mine = numbers.filter((number) => number.startsWith(`JV-${year}-`)).sort();
      expect(mine).toEqual(mine.map((_, index) => `JV-${year}-${String(index + 1).padStart(6, '0')}`));
    }
  });

  it('continues after a restart without reuse or gap', async () => {
    await post(t.ledger, RENT);
    await t.ledger.close();
    const { Ledger } = await import('../ledger.ts');
    t.ledger = await Ledger.open(t.path);
    const outcome = await post(t.ledger, RENT);
    expect((outcome.body as { number: string }).number).toBe('JV-2025-000002');
  });
});

describe('batches', () => {
  it('posts the good journals and reports each bad one with its errors', async () => {
    const outcome = await t.ledger.submit(
      postJournalBatchCommand(actor, [
        RENT,
        {
          ...RENT,
          lines: [
            { account: '6310', debit: '5' },
            { account: '1130', credit: '4' },
          ],
        },
        { date: 'not a date', lines: [] },
        RENT,
      ]),
    );
    const body = outcome.body as {
      accepted: number;
      rejected: number;
      results: Array<Record<string, unknown>>;
    };
    expect(body.accepted).toBe(2);
    expect(body.results.map((result) => result.status)).toEqual([
      'accepted',
      'rejected',
      'rejected',
      'accepted',
    ]);
    expect(body.results[1]).toMatchObject({ code: 'debits_must_equal_credits' });
    expect(body.results[3]).toMatchObject({ number: 'JV-2025-000002' });
    expect(await countRows(t.ledger, 'facts.journal_entries')).toBe(2);
  });
});

describe('reversal', () => {
  it('posts a new journal with the sides swapped, linked both ways, and leaves the original untouched', async () => {
    await post(t.ledger, RENT);
    const outcome = await t.ledger.submit(
      reverseJournalCommand(actor, 'JV-2025-000001', { date: '2025-03-31' }),
    );
    expect(outcome.body).toMatchObject({ number: 'JV-2025-000002', reverses: 'JV-2025-000001' });
    const lines = await t.ledger.db.query(
      "select account_code, debit, credit from facts.journal_lines where document_number = 'JV-2025-000002' order by line_no",
    );
    expect(lines).toEqual([
      { account_code: '6310', debit: '0.00', credit: '1200.00' },
      { account_code: '1130', debit: '1200.00', credit: '0.00' },
    ]);
    const [original] = await t.ledger.db.query(
      "select count(*)::integer as n from facts.journal_lines where document_number = 'JV-2025-000001'",
    );
    expect(original?.n).toBe(2);
  });

  it('refuses a second reversal, a reversal of a reversal and an unknown journal', async () => {
    await post(t.ledger, RENT);
    await t.ledger.submit(reverseJournalCommand(actor, 'JV-2025-000001', {}));
    expect((await refusal(t.ledger.submit(reverseJournalCommand(actor, 'JV-2025-000001', {})))).code).toBe(
      'journal_already_reversed',
    );
    expect((await refusal(t.ledger.submit(reverseJournalCommand(actor, 'JV-2025-000002', {})))).code).toBe(
      'cannot_reverse_a_reversal',
    );
    expect((await refusal(t.ledger.submit(reverseJournalCommand(actor, 'JV-2030-000001', {})))).kind).toBe(
      'not_found',
    );
  });
});

describe('periods', () => {
  it('refuses postings into a closed period and accepts them again after reopening', async () => {
    await t.ledger.submit(periodCommand(actor, '2025-03', 'close'));
    const error = await refusal(post(t.ledger, RENT));
    expect(error.code).toBe('period_is_closed');
    expect(error.errors[0]?.path).toBe('date');
    expect(await countRows(t.ledger, 'facts.journal_entries')).toBe(0);
    await t.ledger.submit(periodCommand(actor, '2025-03', 'reopen'));
    expect((await post(t.ledger, RENT)).status).toBe(201);
  });

  it('refuses closing a closed period and reopening an open one', async () => {
    await t.ledger.submit(periodCommand(actor, '2025-03', 'close'));
    expect((await refusal(t.ledger.submit(periodCommand(actor, '2025-03', 'close')))).code).toBe(
      'period_already_closed',
    );
    expect((await refusal(t.ledger.submit(periodCommand(actor, '2025-04', 'reopen')))).code).toBe(
      'period_not_closed',
    );
  });

  it('refuses a reversal dated in a closed period', async () => {
    await post(t.ledger, RENT);
    await t.ledger.submit(periodCommand(actor, '2025-03', 'close'));
    const error = await refusal(t.ledger.submit(reverseJournalCommand(actor, 'JV-2025-000001', {})));
    expect(error.code).toBe('period_is_closed');
  });

  it('keeps closed periods across a restart', async () => {
    await t.ledger.submit(periodCommand(actor, '2025-03', 'close'));
    await t.ledger.close();
    const { Ledger } = await import('../ledger.ts');
    t.ledger = await Ledger.open(t.path);
    expect((await refusal(post(t.ledger, RENT))).code).toBe('period_is_closed');
  });
});
