import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from './database.ts';
import { RowBuffer } from './row-buffer.ts';

let db: Database;
beforeEach(async () => {
  db = await Database.open(':memory:');
});
afterEach(async () => {
  await db.close();
});

function line(seq: number, memo: string | null, debit = '0.01') {
  return {
    seq: BigInt(seq),
    document_type: 'journal',
    document_number: `JV-${seq}`,
    line_no: 1,
    posting_date: '2025-03-15',
    account_code: '6310',
    debit,
    credit: '0.00',
    memo,
    recorded_at: '2025-03-15T10:00:00.123456Z',
    user_name: 'tester',
    idempotency_key: 'k',
  };
}

async function lines() {
  return db.query(
    `select seq::varchar as seq, memo, debit::varchar as debit, posting_date::varchar as posting_date,
            recorded_at::varchar as recorded_at from facts.journal_lines order by seq`,
  );
}

describe('RowBuffer', () => {
  it('writes every row exactly: decimals, dates, microseconds, empty text and NULL', async () => {
    const rows = new RowBuffer();
    rows.push('journalLines', line(1, '', '9999999999999999.99'));
    rows.push('journalLines', line(2, null));
    rows.push('journalLines', line(3, "it's"));
    await rows.commitTo(db.writeConnection);
    expect(await lines()).toEqual([
      {
        seq: '1',
        memo: '',
        debit: '9999999999999999.99',
        posting_date: '2025-03-15',
        recorded_at: '2025-03-15 10:00:00.123456+00',
      },
      expect.objectContaining({ seq: '2', memo: null }),
      expect.objectContaining({ seq: '3', memo: "it's" }),
    ]);
  });

  it('keeps empty text apart from NULL in a single row', async () => {
    const rows = new RowBuffer();
    rows.push('journalLines', line(1, ''));
    await rows.commitTo(db.writeConnection);
    expect((await lines()).map((row) => row.memo)).toEqual(['']);
  });

  it('writes text holding the separator, the NULL mark or NUL through bound lists', async () => {
    const rows = new RowBuffer();
    const odd = ['a\u001fb', '\u001e', 'nul\u0000end'];
    odd.forEach((memo, index) => {
      rows.push('journalLines', line(index + 1, memo));
    });
    rows.push('journalLines', line(4, null));
    await rows.commitTo(db.writeConnection);
    expect((await lines()).map((row) => row.memo)).toEqual([...odd, null]);
  });

  it('writes nothing of a group the database refuses', async () => {
    const rows = new RowBuffer();
    rows.push('journalLines', line(1, 'kept?'));
    rows.push('periodEvents', { seq: 2n, period: '2025-01', action: 'explode', posting_date: '2025-01-01' });
    await expect(rows.commitTo(db.writeConnection)).rejects.toThrow();
    expect(await lines()).toEqual([]);
  });
});
