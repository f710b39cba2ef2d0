// The streamed general-ledger workbook: every line of the range, each account's running balance from its
// opening, the words from the facts, totals as formulas; the same figures as the general ledger's JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerError } from '../../ingest/index.ts';
import { openReportLedger, type ReportLedger } from '../test-support.ts';
import { checkLedgerExport, type LedgerExportParams, writeLedgerExport } from './ledger-export.ts';
import { canRecalculate, cents, recalculatedSheet } from './libreoffice.ts';

let ledger: ReportLedger;

const line = (account: string, debit: string, credit: string, extra: Record<string, string> = {}) => ({
  account,
  ...(debit ? { debit } : {}),
  ...(credit ? { credit } : {}),
  ...extra,
});

beforeAll(async () => {
  ledger = await openReportLedger();
  await ledger.post([
    {
      date: '2024-12-20',
      memo: 'opening capital',
      lines: [line('1130', '5000', ''), line('3100', '', '5000')],
    },
    {
      date: '2025-01-03',
      memo: 'rent',
      lines: [line('6310', '700', '', { department: 'ADM' }), line('1130', '', '700')],
    },
    {
      date: '2025-01-09',
      memo: 'sale',
      lines: [
        line('1130', '1190', '', { memo: 'card settlement' }),
        line('4110', '', '1000'),
        line('2210', '', '190'),
      ],
    },
    { date: '2025-02-01', memo: 'petty cash', lines: [line('1110', '100', ''), line('1130', '', '100')] },
  ]);
  await ledger.transform();
});

afterAll(() => ledger.dispose());

async function exported(params: LedgerExportParams) {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => output.on('end', resolve));
  const written = await ledger.test.ledger.db.withReader((connection) =>
    writeLedgerExport(connection, params, output),
  );
  await done;
  const buffer = Buffer.concat(chunks);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return { written, buffer, sheet: workbook.getWorksheet('General ledger')! };
}

describe('general-ledger workbook', () => {
  it('holds every line of the range with each account running on from its opening balance', async () => {
    const { written, sheet } = await exported({ from: '2025-01-01', to: '2025-03-31' });
    expect(written).toBe(7);
    const rows = sheet.getSheetValues().slice(2, 2 + written) as unknown[][];
    const bank = rows
      .filter((row) => row[1] === '1130')
      .map((row) => [row[3], row[6], row[10], row[11], row[12]]);
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    expect(bank).toEqual([
      [day('2025-01-03'), 'rent', 0, 700, 4300],
      [day('2025-01-09'), 'card settlement', 1190, 0, 5490],
      [day('2025-02-01'), 'petty cash', 0, 100, 5390],
    ]);
    // The general ledger's JSON for the same account and range ends on the same balance.
    const json = await ledger.run('general-ledger', {
      account: '1130',
      from: '2025-01-01',
      to: '2025-03-31',
    });
    expect(json.totals?.closing).toBe('5390.00');
    const totals = sheet.getRow(2 + written);
    expect(totals.getCell(1).value).toBe('Totals');
    expect(totals.getCell(10).value).toEqual({ formula: `SUM(J2:J${written + 1})` });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('recalculates in LibreOffice to totals equal to the trial balance of the range', async () => {
    if (!canRecalculate('general-ledger workbook')) return;
    const { written, buffer } = await exported({ from: '2025-01-01', to: '2025-03-31' });
    const dir = mkdtempSync(join(tmpdir(), 'ledgerline-gl-'));
    try {
      const cells = recalculatedSheet(dir, 'general-ledger', buffer, 'General ledger');
      const totals = cells[written + 1]!;
      expect(totals[0]).toBe('Totals');
      const trial = await ledger.run('trial-balance', { from: '2025-01-01', to: '2025-03-31' });
      const movement = trial.totals as { debit: string; credit: string };
      expect([cents(totals[9]), cents(totals[10])]).toEqual([cents(movement.debit), cents(movement.credit)]);
      // The rent line: its date as a date, its balance as the number the JSON ledger shows.
      const rent = cells.find((row) => row[5] === 'rent' && row[0] === '1130')!;
      expect([rent[2], cents(rent[11])]).toEqual(['2025-01-03', cents('4300.00')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown account and a range beyond what one sheet holds, before writing anything', async () => {
    const refusal = (params: LedgerExportParams, linesMax?: number) =>
      ledger.test.ledger.db
        .withReader((connection) => checkLedgerExport(connection, params, linesMax))
        .then(
          () => null,
          (error: LedgerError) => error.code,
        );
    expect(await refusal({ from: '2025-01-01', to: '2025-03-31', account: '9999' })).toBe(
      'account_not_found',
    );
    expect(await refusal({ from: '2025-01-01', to: '2025-03-31' }, 6)).toBe('export_too_large');
    expect(await refusal({ from: '2025-01-01', to: '2025-03-31' }, 7)).toBeNull();
  });

  it('keeps to one account or group and to the dimension filters', async () => {
    const group = await exported({ from: '2025-01-01', to: '2025-03-31', account: '1100' });
    expect(group.written).toBe(4);
    const department = await exported({ from: '2025-01-01', to: '2025-03-31', department: 'ADM' });
    expect(department.written).toBe(1);
    expect(department.sheet.getRow(2).getCell(7).value).toBe('ADM');
  });
});
