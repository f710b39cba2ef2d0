import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, openTestLedger, type TestLedger } from '../tests/support/ledger.ts';
import { LedgerError } from './errors.ts';
import { type Command, GROUP_DOCUMENTS_MAX, QUEUE_COMMANDS_MAX } from './writer.ts';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(async () => {
  await t.dispose();
});

/** A command that appends one period event row; `broken` makes the database refuse it (CHECK on action). */
function eventCommand(label: string, broken = false, documents = 1): Command {
  return {
    name: 'test.event',
    documents,
    user: 'tester',
    request: { label },
    run(ctx) {
      ctx.rows.push('periodEvents', {
        seq: ctx.nextSeq(),
        period: '2025-01',
        action: broken ? 'explode' : 'close',
        document_type: 'test',
        document_number: label,
        posting_date: '2025-01-01',
        reason: label,
        recorded_at: ctx.recordedAt,
        user_name: 'tester',
        idempotency_key: ctx.idempotencyKey,
      });
      return { status: 200, body: { label } };
    },
  };
}

/** Appends an event of `key` and answers how many events of that key were committed when it was planned. */
function keyedCommand(key: string, index: number): Command {
  const label = `${key}-${index}`;
  const event = eventCommand(label);
  return {
    ...event,
    keys: [key],
    async run(ctx) {
      const [row] = await ctx.db.query(
        "select count(*) as n from facts.period_events where reason like ? || '-%'",
        [key],
      );
      await event.run(ctx);
      return { status: 200, body: { seen: Number(row?.n) } };
    },
  };
}

describe('Writer', () => {
  it('plans a keyed command once every earlier command of its key is committed, and groups it with others', async () => {
    let commits = 0;
    t.ledger.writer.subscribe(() => {
      commits++;
    });
    const keys = ['order-a', 'order-b', 'order-c'];
    const submitted = [0, 1, 2].flatMap((index) =>
      keys.map((key) => t.ledger.submit(keyedCommand(key, index)).then((outcome) => [index, outcome.body])),
    );
    for (const [index, body] of await Promise.all(submitted)) expect(body).toEqual({ seen: index });
    expect(await countRows(t.ledger, 'facts.period_events')).toBe(9);
    // Commands of different keys share a commit; one key's commands wait for each other.
    expect(commits).toBeGreaterThanOrEqual(3);
    expect(commits).toBeLessThan(9);
  });

  it('commits concurrent commands together in fewer transactions than commands', async () => {
    let commits = 0;
    t.ledger.writer.subscribe(() => {
      commits++;
    });
    await Promise.all(Array.from({ length: 50 }, (_, index) => t.ledger.submit(eventCommand(`e${index}`))));
    expect(await countRows(t.ledger, 'facts.period_events')).toBe(50);
    expect(commits).toBeLessThan(50);
  });

  it('commits a command that arrives while a commit is in flight with the very next commit', async () => {
    let commits = 0;
    t.ledger.writer.subscribe(() => {
      commits++;
    });
    const first = t.ledger.submit(eventCommand('first'));
    // Queued while the first is being planned: planned as the next group as soon as the first commit starts.
    await Promise.resolve();
    const early = t.ledger.submit(eventCommand('early'));
    // A commit takes several turns of the event loop (each statement is one native call): this one comes
    // while the first still commits, after the next group was planned, and must join that group.
    await new Promise((resolve) => setImmediate(resolve));
    const late = t.ledger.submit(eventCommand('late'));
    await Promise.all([first, early, late]);
    expect(commits).toBe(2);
    const rows = await t.ledger.db.query('select document_number from facts.period_events order by seq');
    expect(rows.map((row) => row.document_number)).toEqual(['first', 'early', 'late']);
  });

  it('lets the next group wait a moment for the callers of the group just answered (group commit)', async () => {
    let commits = 0;
    t.ledger.writer.subscribe(() => {
      commits++;
    });
    // The first command commits alone; the two that come during its commit share the next one.
    const alone = t.ledger.submit(eventCommand('a0'));
    await Promise.resolve();
    await Promise.all([alone, t.ledger.submit(eventCommand('a1')), t.ledger.submit(eventCommand('a2'))]);
    // Two callers were answered at once: their next commands, a turn of the event loop apart, share one commit.
    const first = t.ledger.submit(eventCommand('b1'));
    await new Promise((resolve) => setImmediate(resolve));
    const second = t.ledger.submit(eventCommand('b2'));
    await Promise.all([first, second]);
    expect(commits).toBe(3);
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

  it('commits the neighbours of a refused group planned while it was committing, in order and without a gap', async () => {
    // Each command fills a group, so each group is planned while the one before it commits.
    const labels = ['a', 'b', 'c', 'd'];
    const results = await Promise.allSettled(
      labels.map((label) => t.ledger.submit(eventCommand(label, label === 'b', GROUP_DOCUMENTS_MAX))),
    );
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const rows = await t.ledger.db.query(
      'select document_number, seq::integer as seq from facts.period_events order by seq',
    );
    expect(rows.map((row) => row.document_number)).toEqual(['a', 'c', 'd']);
    const [audit] = await t.ledger.db.query(
      'select max(seq)::integer as seq, count(*)::integer as n from meta.audit_log',
    );
    expect(BigInt(audit?.seq as number)).toBe(t.ledger.state.seq);
    expect(audit?.n).toBe(3);
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

  it('answers writer_overloaded once QUEUE_COMMANDS_MAX commands wait, and commits every one it took', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const blocking: Command = {
      ...eventCommand('first'),
      async run(ctx) {
        await gate;
        return eventCommand('first').run(ctx);
      },
    };
    const first = t.ledger.submit(blocking);
    // The writer takes the blocking command and waits inside it; everything after queues up.
    await expect.poll(() => t.ledger.writer.queued, { timeout: 2_000 }).toBe(0);
    const waiting = Array.from({ length: QUEUE_COMMANDS_MAX }, (_, index) =>
      t.ledger.submit(eventCommand(`w${index}`)),
    );
    await expect(t.ledger.submit(eventCommand('one too many'))).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'writer_overloaded',
    });
    release();
    await first;
    await Promise.all(waiting);
    expect(await countRows(t.ledger, 'facts.period_events')).toBe(QUEUE_COMMANDS_MAX + 1);
  }, 60_000);

  it('refuses new commands once stopped', async () => {
    await t.ledger.writer.stop();
    await expect(t.ledger.submit(eventCommand('late'))).rejects.toMatchObject({ code: 'writer_stopped' });
  });
});
