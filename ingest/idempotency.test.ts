// Idempotency keys are remembered for a day and in bounded number, and a replay reads its first answer back
// from the audit log, after a restart too; a repeat while the first is still being written is refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../tests/support/ledger.ts';
import { postJournalCommand } from './finance/commands.ts';
import { JournalInput } from './finance/schema.ts';
import {
  IDEMPOTENCY_RETENTION_MS,
  type IdempotencyRecord,
  idempotencyScope,
  pruneIdempotency,
} from './idempotency.ts';
import { Ledger } from './ledger.ts';
import { parseOrThrow } from './validation.ts';

const RENT = parseOrThrow(JournalInput, {
  date: '2025-03-14',
  memo: 'March rent',
  lines: [
    { account: '6310', debit: '1200.00' },
    { account: '1130', credit: '1200.00' },
  ],
});
const post = (ledger: Ledger, key?: string) =>
  ledger.submit(postJournalCommand({ user: 'tester', idempotencyKey: key }, RENT));

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(() => t.dispose());

describe('idempotency keys', () => {
  it('answer a replay with the first answer, read back from the audit log after a restart', async () => {
    const first = await post(t.ledger, 'rent-march');
    await t.ledger.close();
    const reopened = await Ledger.open(t.path);
    try {
      const replay = await post(reopened, 'rent-march');
      expect(replay).toMatchObject({ status: first.status, body: first.body, replayed: true });
      // A command without a key is not remembered: nobody can send its key again.
      await post(reopened);
      expect([...reopened.state.idempotency.keys()]).toEqual([idempotencyScope('tester', 'rent-march')]);
    } finally {
      await reopened.close();
    }
  });

  it('refuse a repeat while the first request is still being written', async () => {
    const [first, repeat] = await Promise.allSettled([post(t.ledger, 'twice'), post(t.ledger, 'twice')]);
    expect(first.status).toBe('fulfilled');
    expect(repeat).toMatchObject({ status: 'rejected', reason: { code: 'idempotency_key_in_flight' } });
    expect((await post(t.ledger, 'twice')).replayed).toBe(true);
  });

  it('forget a key after the retention window: the same request is then a new command', async () => {
    const first = await post(t.ledger, 'old-key');
    const record = t.ledger.state.idempotency.get(idempotencyScope('tester', 'old-key')) as IdempotencyRecord;
    record.recordedAtMs -= IDEMPOTENCY_RETENTION_MS + 1;
    const again = await post(t.ledger, 'old-key');
    expect(again.replayed).toBe(false);
    expect((again.body as { number: string }).number).not.toBe((first.body as { number: string }).number);
  });

  it('are pruned oldest first beyond the retention or the count', () => {
    const now = Date.now();
    const record = (ageMs: number): IdempotencyRecord => ({
      requestHash: 'h',
      status: 201,
      auditSeq: 1n,
      recordedAtMs: now - ageMs,
    });
    const keys = new Map([
      ['a', record(IDEMPOTENCY_RETENTION_MS + 5)],
      ['b', record(10)],
      ['c', record(5)],
      ['d', record(1)],
    ]);
    expect(pruneIdempotency(keys, now, 10)).toBe(1);
    expect([...keys.keys()]).toEqual(['b', 'c', 'd']);
    expect(pruneIdempotency(keys, now, 2)).toBe(1);
    expect([...keys.keys()]).toEqual(['c', 'd']);
  });
});
