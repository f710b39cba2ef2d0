// Workbooks of the statements: read back with exceljs (formulas, outline levels, formats, frozen header,
// print setup, cover, drill-down sheet), and recalculated by LibreOffice to the same figures as the JSON of
// the same report, row by row and total by total. LibreOffice is a Debian package (.ci/run installs it):
// without it the recalculation is skipped with a message, but fails when CI is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportResult } from '../definition.ts';
import { fieldOf } from '../definition.ts';
import { openReportLedger, type ReportLedger } from '../test-support.ts';
import { canRecalculate, cents, recalculatedSheet } from './libreoffice.ts';
import { renderWorkbook } from './workbook.ts';

const HEADER_ROW = 4;
const SOURCE = {
  company: 'Test Company',
  generatedAt: '2026-01-05T10:00:00.000Z',
  refreshedAt: null,
  lastFactSeq: null,
};

const line = (account: string, debit: string, credit: string, department?: string) => ({
  account,
  ...(debit ? { debit } : {}),
  ...(credit ? { credit } : {}),
  ...(department ? { department } : {}),
});

let ledger: ReportLedger;
let dir: string;

beforeAll(async () => {
  ledger = await openReportLedger();
  dir = mkdtempSync(join(tmpdir(), 'ledgerline-xlsx-'));
  await ledger.post([
    {
      date: '2024-03-01',
      memo: 'shares issued',
      lines: [line('1130', '50000', ''), line('3100', '', '50000')],
    },
    {
      date: '2024-06-10',
      memo: 'sale',
      lines: [line('1210', '1190', ''), line('4110', '', '1000'), line('2210', '', '190')],
    },
    { date: '2024-09-30', memo: 'rent', lines: [line('6310', '800', '', 'ADM'), line('1130', '', '800')] },
    { date: '2025-01-02', memo: 'bank loan', lines: [line('1130', '20000', ''), line('2510', '', '20000')] },
    { date: '2025-01-05', memo: 'machine', lines: [line('1530', '24000', ''), line('1130', '', '24000')] },
    { date: '2025-01-31', memo: 'rent', lines: [line('6310', '1500', '', 'ADM'), line('1130', '', '1500')] },
    {
      date: '2025-02-10',
      memo: 'sale on credit',
      lines: [
        line('1210', '11900', '', 'SAL'),
        line('4110', '', '10000', 'SAL'),
        line('2210', '', '1900', 'SAL'),
      ],
    },
    { date: '2025-02-28', memo: 'depreciation', lines: [line('7100', '400', ''), line('1535', '', '400')] },
    {
      date: '2025-03-15',
      memo: 'customer pays',
      lines: [line('1130', '11900', ''), line('1210', '', '11900')],
    },
    {
      date: '2025-03-31',
      memo: 'instalment',
      lines: [line('2510', '1000', ''), line('8510', '100.55', ''), line('1130', '', '1100.55')],
    },
  ]);
  await ledger.transform();
});

afterAll(async () => {
  await ledger.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const CASES: Array<[string, Record<string, unknown>]> = [
  ['balance-sheet', { as_of: '2025-03-31' }],
  ['income-statement', { from: '2025-01-01', to: '2025-03-31', compare: 'previous-year' }],
  ['income-statement', { from: '2025-01-01', to: '2025-03-31', columns: 'month' }],
  ['cash-flow', { from: '2025-01-01', to: '2025-03-31' }],
  ['cash-flow', { from: '2025-01-01', to: '2025-03-31', method: 'direct' }],
  ['trial-balance', { from: '2025-01-01', to: '2025-03-31' }],
  ['balance-sheet', { as_of: '2025-03-31', department: 'SAL' }],
];

async function workbookOf(id: string, params: Record<string, unknown>) {
  const result = await ledger.run(id, params);
  const buffer = await renderWorkbook(ledger.test.ledger.db, result, SOURCE);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return { result, buffer, workbook };
}

describe('statement workbooks', () => {
  it('sum each subtotal over the lines it covers, with outline levels and number formats', async () => {
    const { result, workbook } = await workbookOf('balance-sheet', { as_of: '2025-03-31' });
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Cover', 'Balance sheet', 'GL lines']);
    const sheet = workbook.getWorksheet('Balance sheet')!;
    expect(sheet.getRow(HEADER_ROW).values).toEqual([undefined, 'Line', 'Account', 'Amount']);
    const rowOf = (key: string) => HEADER_ROW + 1 + result.rows.findIndex((row) => row.key === key);
    // A side sums its sections; a line sums its accounts (a consecutive run becomes a range).
    const assets = sheet.getCell(`C${rowOf('assets')}`).value as ExcelJS.CellFormulaValue;
    expect(assets.formula).toBe(
      `SUM(C${rowOf('assets/current_assets')},C${rowOf('assets/non_current_assets')})`,
    );
    const cash = sheet.getCell(`C${rowOf('assets/current_assets/cash_and_equivalents')}`).value;
    expect((cash as ExcelJS.CellFormulaValue).formula).toMatch(/^SUM\(C\d+(:C\d+)?\)$/);
    // An account line holds its amount as a number, formatted with negatives in parentheses.
    const bank = sheet.getCell(`C${rowOf('assets/current_assets/cash_and_equivalents/1130')}`);
    expect(bank.value).toBe(54499.45);
    expect(bank.numFmt).toBe('#,##0.00;(#,##0.00)');
    expect(sheet.getRow(rowOf('assets')).outlineLevel ?? 0).toBe(0);
    expect(sheet.getRow(rowOf('assets/current_assets/cash_and_equivalents/1130')).outlineLevel).toBe(3);
    // The account cell links to the account's first line on the drill-down sheet.
    const link = sheet.getCell(`B${rowOf('assets/current_assets/cash_and_equivalents/1130')}`).value;
    expect(link).toMatchObject({ text: '1130', hyperlink: expect.stringMatching(/^#'GL lines'!A\d+$/) });
    // Totals are formulas too: liabilities and equity adds two totals above it.
    const labels = sheet.getColumn(1).values as unknown[];
    const totalRow = labels.indexOf('Liabilities and equity');
    expect((sheet.getCell(`C${totalRow}`).value as ExcelJS.CellFormulaValue).formula).toBe(
      `C${totalRow - 2}+C${totalRow - 1}`,
    );
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:4' });
  });

  it('write a cover with the company, the parameters and the data freshness, and the lines behind the figures', async () => {
    const { workbook } = await workbookOf('income-statement', { from: '2025-01-01', to: '2025-03-31' });
    const cover = workbook.getWorksheet('Cover')!;
    const text = (cover.getColumn(1).values as unknown[]).concat(cover.getColumn(2).values as unknown[]);
    expect(text).toEqual(
      expect.arrayContaining(['Test Company', 'Income statement', 'Parameter: from', '2025-01-01']),
    );
    expect(text).toEqual(expect.arrayContaining(['Generated at (UTC)', SOURCE.generatedAt]));
    const lines = workbook.getWorksheet('GL lines')!;
    // Ten journals, seven of them (16 lines) in the first quarter of 2025.
    expect(lines.rowCount).toBe(1 + 16);
    expect(lines.getRow(2).values).toEqual(expect.arrayContaining(['1130', 'Bank - Operating Account']));
  });

  it.each(CASES)('%s %j recalculates in LibreOffice to the JSON figures', async (id, params) => {
    if (!canRecalculate('statement workbooks')) return;
    const { result, buffer, workbook } = await workbookOf(id, params);
    const name = `${id}-${Object.values(params).join('-')}`;
    const cells = recalculatedSheet(dir, name, buffer, workbook.worksheets[1]!.name);
    const shown = result.columns.filter((column) => column.name !== 'key');
    let compared = 0;
    result.rows.forEach((row, index) => {
      const csvRow = cells[HEADER_ROW + index]!;
      shown.forEach((column, columnIndex) => {
        if (column.type !== 'money' && column.type !== 'percent') return;
        expect(cents(csvRow[columnIndex]), `${String(row.key ?? row.account)} ${column.name}`).toBe(
          cents(fieldOf(row, column.name)),
        );
        compared++;
      });
    });
    expect(compared).toBeGreaterThan(result.rows.length - 1);
    expectTotals(cells, result);
  });
});

/** The totals block: each labelled row's figure equals the JSON total of the same position. */
function expectTotals(cells: string[][], result: ReportResult): void {
  const start = cells.findIndex((row) => row[0] === 'Totals');
  const totals = Object.entries(result.totals ?? {}).flatMap(([key, value]) =>
    value && typeof value === 'object'
      ? Object.entries(value).map(([inner, v]) => [`${key}.${inner}`, v])
      : [[key, value]],
  );
  expect(start).toBeGreaterThan(0);
  totals.forEach(([key, value], index) => {
    const figures = cells[start + 1 + index]!.slice(1).filter((cell) => cell !== '');
    expect(cents(figures[0]), String(key)).toBe(cents(value));
  });
}
