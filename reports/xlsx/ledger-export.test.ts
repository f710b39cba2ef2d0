// The streamed general-ledger workbook: every line of the range, each account's running balance from its
// opening, the words from the facts, totals as formulas; the same figures as the general ledger's JSON.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerError } from '../../ingest/index.ts';
import { openReportLedger, type ReportLedger } from '../test-support.ts';
import { checkLedgerExport, type LedgerExportParams, writeLedgerExport } from './ledger-export.ts';

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
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return { written, sheet: workbook.getWorksheet('General ledger')! };
}

describe('general-ledger workbook', () => {
  it('holds every line of the range with each account running on from its opening balance', async () => {
    const { written, sheet } = await exported({ from: '2025-01-01', to: '2025-03-31' });
    expect(written).toBe(7);
    const rows = sheet.getSheetValues().slice(2, 2 + written) as unknown[][];
    const bank = rows.filter((row) => row[1] === '1130').map((row) => [row[6], row[10], row[11], row[12]]);
    expect(bank).toEqual([
      ['rent', 0, 700, 4300],
      ['card settlement', 1190, 0, 5490],
      ['petty cash', 0, 100, 5390],
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
