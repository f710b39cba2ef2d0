// `ledgerline export`: a statement to xlsx and csv, the general ledger streamed whole, and a refused export
// that leaves no file behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ItemFields,
  itemCommand,
  Ledger,
  postJournalBatchCommand,
  StockCountInput,
  stockCountCommand,
  WarehouseFields,
  warehouseCommand,
} from '../../ingest/index.ts';
import { runCli, scratchDir } from '../testing.ts';

const scratch = scratchDir();
const db = scratch.path('books.duckdb');

beforeAll(async () => {
  expect((await runCli(['init', '--db', db])).code).toBe(0);
  const ledger = await Ledger.open(db);
  try {
    const journal = (date: string, amount: string) => ({
      date,
      memo: 'cash sale',
      lines: [
        { account: '1130', debit: amount },
        { account: '4110', credit: amount },
      ],
    });
    const actor = { user: 'cli-tests' };
    await ledger.submit(
      warehouseCommand(
        actor,
        'MAIN',
        WarehouseFields.parse({ name: 'Main', valid_from: '2025-01-01' }),
        true,
      ),
    );
    await ledger.submit(
      itemCommand(
        actor,
        'BOLT',
        ItemFields.parse({
          name: 'Bolt',
          unit: 'pc',
          category: 'merchandise',
          valuation_method: 'fifo',
          valid_from: '2025-01-01',
        }),
        true,
      ),
    );
    // Opening stock found at a count, then a count that finds less.
    for (const [date, counted] of [
      ['2025-01-05', '40'],
      ['2025-02-05', '35'],
    ])
      await ledger.submit(
        stockCountCommand(
          actor,
          StockCountInput.parse({
            date,
            warehouse: 'MAIN',
            lines: [{ item: 'BOLT', counted, unit_cost: '2.50' }],
          }),
        ),
      );
    await ledger.submit(
      postJournalBatchCommand({ user: 'cli-tests' }, [
        journal('2025-01-10', '100.00'),
        journal('2025-02-10', '250.50'),
      ]),
    );
  } finally {
    await ledger.close();
  }
  expect((await runCli(['transform', '--db', db, '--full'])).code).toBe(0);
});
afterAll(() => scratch.remove());

async function sheetOf(path: string, name: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.getWorksheet(name)!;
}

describe('ledgerline export', () => {
  it('streams the stock ledger of an item whole, and needs the item', async () => {
    const xlsx = scratch.path('stock.xlsx');
    const range = ['--from', '2025-01-01', '--to', '2025-12-31'];
    const run = await runCli([
      'export',
      'stock-ledger',
      '--db',
      db,
      '--format',
      'xlsx',
      '--out',
      xlsx,
      '--item',
      'BOLT',
      ...range,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^stock-ledger: 2 moves → /);
    const sheet = await sheetOf(xlsx, 'Stock ledger');
    const column = (letter: string) => [2, 3].map((row) => sheet.getCell(`${letter}${row}`).value);
    expect(column('F')).toEqual([40, -5]);
    expect(column('I')).toEqual([100, 87.5]);
    expect(sheet.getCell('F4').value).toEqual({ formula: 'SUM(F2:F3)' });
    const missing = await runCli([
      'export',
      'stock-ledger',
      '--db',
      db,
      '--format',
      'xlsx',
      '--out',
      scratch.path('none.xlsx'),
      ...range,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/item_required/);
    expect(existsSync(scratch.path('none.xlsx'))).toBe(false);
  });

  it('writes a statement workbook and a CSV', async () => {
    const xlsx = scratch.path('bs.xlsx');
    const run = await runCli([
      'export',
      'balance-sheet',
      '--db',
      db,
      '--format',
      'xlsx',
      '--out',
      xlsx,
      '--as-of',
      '2025-03-31',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^balance-sheet: \d+ rows → /);
    const cover = await sheetOf(xlsx, 'Cover');
    expect(cover.getCell('A2').value).toBe('Balance sheet');
    const csv = scratch.path('is.csv');
    expect(
      (
        await runCli([
          'export',
          'income-statement',
          '--db',
          db,
          '--format',
          'csv',
          '--out',
          csv,
          '--from',
          '2025-01-01',
          '--to',
          '2025-03-31',
        ])
      ).code,
    ).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain('350.50');
  });

  it('streams every line of the general ledger of a range', async () => {
    const out = scratch.path('gl.xlsx');
    const run = await runCli([
      'export',
      'general-ledger',
      '--db',
      db,
      '--format',
      'xlsx',
      '--out',
      out,
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
    ]);
    expect(run.code, run.stderr).toBe(0);
    // Two sales (2 lines each) and two stock counts (a gain and a loss, 2 lines each).
    expect(run.stdout).toContain('general-ledger: 8 lines');
    const sheet = await sheetOf(out, 'General ledger');
    expect(sheet.rowCount).toBe(1 + 8 + 1);
  });

  it('writes the facts as Parquet partitioned by period, and the marts one file each', async () => {
    const facts = scratch.path('facts');
    const run = await runCli(['export', 'facts', '--db', db, '--format', 'parquet', '--out', facts]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(`${facts}/journal_lines`).sort()).toEqual(['period=2025-01', 'period=2025-02']);
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const read = await duck.runAndReadAll(
      `select count(*)::integer as lines, sum(debit)::varchar as debit, max(period) as last
       from read_parquet('${facts}/journal_lines/*/*.parquet', hive_partitioning = true)`,
    );
    // 350.50 of sales, 100.00 of stock found and 12.50 of stock lost.
    expect(read.getRowObjectsJson()).toEqual([{ lines: 8, debit: '463.00', last: '2025-02' }]);
    const marts = scratch.path('marts');
    expect((await runCli(['export', 'marts', '--db', db, '--format', 'parquet', '--out', marts])).code).toBe(
      0,
    );
    expect(readdirSync(marts)).toContain('fct_journal_lines.parquet');
    // An existing directory is never replaced.
    const again = await runCli(['export', 'marts', '--db', db, '--format', 'parquet', '--out', marts]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists');
  });

  it.each([
    [['balance-sheet', '--as-of', '2025-13-01'], 'invalid_date'],
    [['general-ledger', '--from', '2025-01-01'], 'range_required'],
    [['facts', '--from', '2025-01-01'], 'format_not_for_this_export'],
    [
      ['general-ledger', '--account', '9999', '--from', '2025-01-01', '--to', '2025-12-31'],
      'account_not_found',
    ],
  ])('refuses %j (%s) and leaves no file, whole or partial', async (args, code) => {
    const out = scratch.path('refused.xlsx');
    const run = await runCli(['export', ...args, '--db', db, '--format', 'xlsx', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(code);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(scratch.path('.')).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});
