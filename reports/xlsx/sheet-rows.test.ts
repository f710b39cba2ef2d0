// Bulk rows: the SpreadsheetML they write reads back, through exceljs, as the values and styles given, between
// rows exceljs itself wrote before and after them.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BulkRows, type BulkValue } from './sheet-rows.ts';

async function roundTrip(columns: BulkValue[][], count: number) {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => output.on('end', resolve));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
  const sheet = workbook.addWorksheet('Rows');
  sheet.addRow(['Name', 'Amount', 'Day']).commit();
  const bulk = new BulkRows(workbook, sheet, [
    { style: { numFmt: '@' }, type: 'text' },
    { style: { numFmt: '#,##0.00;(#,##0.00)' }, type: 'number' },
    { style: { numFmt: 'yyyy-mm-dd' }, type: 'number' },
  ]);
  const written = bulk.writeColumns(columns, count);
  const after = sheet.addRow(['after', 1]);
  after.commit();
  sheet.commit();
  await workbook.commit();
  await done;
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return { written, afterRow: after.number, sheet: read.getWorksheet('Rows')! };
}

describe('bulk rows', () => {
  it('reads back as the texts, numbers and dates written, numbered on from the rows above', async () => {
    const names = ['plain', ' padded ', 'a < b & c > d', 'bell\u0007 dropped', null];
    const amounts = [1234.5, -0.01, 0, null, 9e13];
    const days = [45658, 45659, null, 45661, 45662]; // 2025-01-01 …
    const { written, afterRow, sheet } = await roundTrip([names, amounts, days], 5);
    expect(written).toBe(5);
    expect(afterRow).toBe(7);
    const values = [2, 3, 4, 5, 6].map((number) => {
      const row = sheet.getRow(number);
      return [row.getCell(1).value, row.getCell(2).value, row.getCell(3).value];
    });
    expect(values).toEqual([
      ['plain', 1234.5, new Date('2025-01-01T00:00:00Z')],
      [' padded ', -0.01, new Date('2025-01-02T00:00:00Z')],
      ['a < b & c > d', 0, null],
      ['bell dropped', null, new Date('2025-01-04T00:00:00Z')],
      [null, 9e13, new Date('2025-01-05T00:00:00Z')],
    ]);
    expect(sheet.getRow(2).getCell(2).numFmt).toBe('#,##0.00;(#,##0.00)');
    expect(sheet.getRow(7).getCell(1).value).toBe('after');
  });

  it('refuses a number a spreadsheet cannot hold and a sheet with rows still uncommitted', async () => {
    await expect(roundTrip([['x'], [Number.NaN], [1]], 1)).rejects.toThrow(/not a number/);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough() });
    const sheet = workbook.addWorksheet('Rows');
    sheet.addRow(['pending']);
    expect(() => new BulkRows(workbook, sheet, [{ style: {}, type: 'text' }])).toThrow(/committed/);
  });
});
