import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, openTestLedger, type TestLedger } from '../tests/support/ledger.ts';
import { toDuckDate, toDuckTimestamp } from './dates.ts';
import { LedgerError } from './errors.ts';
import type { Command } from './writer.ts';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(async () => {
  await t.dispose();
});

/** A command that appends one period event row; `broken` makes the database refuse it (CHECK on action). */
function eventCommand(label: string, broken = false): Command {
  return {
    name: 'test.event',
    user: 'tester',
    request: { label },
    run(ctx) {
      ctx.rows.push('periodEvents', {
        seq: ctx.nextSeq(),
        period: '2025-01',
        action: broken ? 'explode' : 'close',
        document_type: 'test',
        document_number: label,
        posting_date: toDuckDate('2025-01-01'),
        reason: label,
        recorded_at: toDuckTimestamp(ctx.now),
        user_name: 'tester',
        idempotency_key: ctx.idempotencyKey,
      });
      return { status: 200, body: { label } };
    },
  };
}

describe('Writer', () => {
  it('commits concurrent commands together in fewer transactions than commands', async () => {
    let commits = 0;
    t.ledger.writer.subscribe(() => {
      commits++;
    });
    await Promise.all(Array.from({ length: 50 }, (_, index) => t.ledger.submit(eventCommand(`e${index}`))));
    expect(await countRows(t.ledger, 'facts.period_events')).toBe(50);
    expect(commits).toBeLessThan(50);
  });

  it('fails only the command the database refuses, and commits its neighbours', async () => {
    const results = await Promise.allSettled([
      t.ledger.submit(eventCommand('a')),
      t.ledger.submit(eventCommand('b', true)),
      t.ledger.submit(eventCommand('c')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const reason = (results[1] as PromiseRejectedResult).reason as LedgerError;
    expect(reason.code).toBe('write_failed');
    const rows = await t.ledger.db.query('select document_number from facts.period_events order by seq');
    expect(rows.map((row) => row.document_number)).toEqual(['a', 'c']);
  });

  it('leaves no sequence gap behind a refused command', async () => {
    await Promise.allSettled([t.ledger.submit(eventCommand('a', true)), t.ledger.submit(eventCommand('b'))]);
    const [row] = await t.ledger.db.query('select max(seq)::integer as seq from meta.audit_log');
    expect(BigInt(row?.seq as number)).toBe(t.ledger.state.seq);
  });

  it('rolls back state changes of a command that throws', async () => {
    const before = t.ledger.state.seq;
    const failing: Command = {
      name: 'test.fail',
      user: 'tester',
      request: {},
      run(ctx) {
        ctx.nextSeq();
        ctx.changes.set(ctx.state.closedPeriods, '2025-02', { closedAt: 'x', closedBy: 'y' });
        throw new LedgerError('rule_violated', 'nope', 'refused on purpose');
      },
    };
    await expect(t.ledger.submit(failing)).rejects.toThrow('refused on purpose');
    expect(t.ledger.state.seq).toBe(before);
    expect(t.ledger.state.closedPeriods.has('2025-02')).toBe(false);
  });

  it('refuses new commands once stopped', async () => {
    await t.ledger.writer.stop();
    await expect(t.ledger.submit(eventCommand('late'))).rejects.toMatchObject({ code: 'writer_stopped' });
  });
});
