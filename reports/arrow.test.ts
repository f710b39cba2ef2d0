// Arrow IPC of a report: typed columns, amounts as DECIMAL(18,2) equal to the JSON's exact text, nulls kept.
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../ingest/index.ts';
import { renderArrow } from './arrow.ts';
import { openReportLedger, type ReportLedger } from './test-support.ts';

let ledger: ReportLedger;

beforeAll(async () => {
  ledger = await openReportLedger();
  const sale = (date: string, amount: string) => ({
    date,
    memo: 'sale',
    lines: [
      { account: '1130', debit: amount },
      { account: '4110', credit: amount },
    ],
  });
  await ledger.post([
    sale('2024-02-10', '999999999999.99'),
    sale('2025-02-10', '0.01'),
    sale('2025-03-10', '1234.56'),
  ]);
  await ledger.transform();
});

afterAll(() => ledger.dispose());

/** A DECIMAL(18,2) cell back to exact text, from its 128-bit little-endian words. */
function decimalText(words: Uint32Array | null): string | null {
  if (!words) return null;
  let value = 0n;
  for (let index = words.length - 1; index >= 0; index--) value = (value << 32n) | BigInt(words[index]!);
  return formatMoney(BigInt.asIntN(128, value));
}

describe('arrow', () => {
  it('types every column and keeps amounts exact, large and small, with nulls', async () => {
    const result = await ledger.run('income-statement', {
      from: '2025-01-01',
      to: '2025-03-31',
      compare: 'previous-year',
    });
    const table = tableFromIPC(renderArrow(result));
    expect(table.numRows).toBe(result.rows.length);
    const types = Object.fromEntries(table.schema.fields.map((field) => [field.name, String(field.type)]));
    expect(types).toMatchObject({ label: 'Utf8', amount: 'Decimal[18e+2]', change_pct: 'Decimal[18e+2]' });
    const column = (name: string) =>
      Array.from({ length: table.numRows }, (_, row) => table.getChild(name)!.get(row));
    expect(column('amount').map(decimalText)).toEqual(result.rows.map((row) => row.amount));
    expect(column('comparison').map(decimalText)).toEqual(result.rows.map((row) => row.comparison));
    expect(column('comparison').map(decimalText)).toContain('999999999999.99');
    // change_pct is null where the comparison is zero.
    expect(column('change_pct').map(decimalText)).toEqual(result.rows.map((row) => row.change_pct ?? null));
  });

  it('writes dates as days', async () => {
    const result = await ledger.run('general-ledger', {
      account: '1130',
      from: '2025-01-01',
      to: '2025-12-31',
    });
    const table = tableFromIPC(renderArrow(result));
    expect(String(table.schema.fields.find((field) => field.name === 'posting_date')?.type)).toBe(
      'Date32<DAY>',
    );
    expect(new Date(table.getChild('posting_date')!.get(0) as number).toISOString().slice(0, 10)).toBe(
      '2025-02-10',
    );
  });
});
