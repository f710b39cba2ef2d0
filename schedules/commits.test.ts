// Commit listeners: each is called after every commit until it unsubscribes; a failing one harms no other.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../tests/support/ledger.ts';
import { subscribeToCommits } from './commits.ts';
import { postJournal } from './testing.ts';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(() => t.dispose());

describe('subscribeToCommits', () => {
  it('calls every listener with the last seq, until unsubscribed', async () => {
    const earlier: bigint[] = [];
    const a: bigint[] = [];
    const b: bigint[] = [];
    t.ledger.writer.subscribe((seq) => earlier.push(seq));
    const stopA = subscribeToCommits(t.ledger.writer, (seq) => a.push(seq));
    subscribeToCommits(t.ledger.writer, (seq) => b.push(seq));
    await postJournal(t.ledger);
    stopA();
    await postJournal(t.ledger);
    expect(earlier).toHaveLength(2);
    expect(a).toEqual(earlier.slice(0, 1));
    expect(b).toEqual(earlier);
  });

  it('keeps the writer and the other listeners going when a listener throws', async () => {
    const seen: bigint[] = [];
    const quiet = console.error;
    console.error = () => {};
    try {
      subscribeToCommits(t.ledger.writer, () => {
        throw new Error('listener bug');
      });
      subscribeToCommits(t.ledger.writer, (seq) => seen.push(seq));
      const number = await postJournal(t.ledger);
      expect(number).toMatch(/\d/);
      expect(seen).toEqual([t.ledger.state.seq]);
    } finally {
      console.error = quiet;
    }
  });
});
