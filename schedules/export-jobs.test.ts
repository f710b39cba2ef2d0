// Scheduled exports as data: relative periods resolved against the run's day, configuration refused with
// the field named, and a run that writes its file whole.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerError } from '../ingest/index.ts';
import { openReportLedger, type ReportLedger } from '../reports/test-support.ts';
import { resolveParams } from './export-jobs.ts';
import { configureJobs, type JobContext } from './jobs.ts';

describe('relative periods', () => {
  it('turn period into a range for range reports and into as_of for balances', () => {
    expect(resolveParams('income-statement', { period: 'last_month' }, '2026-03-05')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(resolveParams('balance-sheet', { period: 'last_month' }, '2026-01-15')).toEqual({
      as_of: '2025-12-31',
    });
    expect(
      resolveParams('income-statement', { period: 'last_quarter', compare: 'previous-year' }, '2026-05-20'),
    ).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      compare: 'previous-year',
    });
    expect(resolveParams('trial-balance', { period: 'year_to_date' }, '2026-11-25')).toEqual({
      from: '2026-01-01',
      to: '2026-11-25',
    });
    expect(resolveParams('balance-sheet', { as_of: 'end_of_last_year' }, '2026-11-25')).toEqual({
      as_of: '2025-12-31',
    });
    expect(resolveParams('balance-sheet', { as_of: '2026-06-30' }, '2026-11-25')).toEqual({
      as_of: '2026-06-30',
    });
    expect(() => resolveParams('income-statement', { period: 'last_fortnight' }, '2026-11-25')).toThrow(
      LedgerError,
    );
  });
});

describe('export jobs configuration', () => {
  const spec = {
    id: 'export-monthly-pl',
    cron: '0 6 1 * *',
    report: 'income-statement',
    format: 'xlsx',
    folder: '/tmp/x',
  };

  it('adds each export as a job beside the defaults', () => {
    const jobs = configureJobs({
      json: JSON.stringify({ exports: [spec], 'transform-full': { enabled: false } }),
    });
    expect(jobs.find((job) => job.id === 'export-monthly-pl')).toMatchObject({
      cron: '0 6 1 * *',
      enabled: true,
    });
    expect(jobs.find((job) => job.id === 'transform-full')?.enabled).toBe(false);
  });

  it.each([
    [{ ...spec, report: 'profit' }, /exports\.0\.report/],
    [{ ...spec, cron: 'every day' }, /exports\.0\.cron/],
    [{ ...spec, format: 'pdf' }, /exports\.0\.format/],
    [{ ...spec, id: 'monthly' }, /exports\.0\.id/],
  ])('refuses %j naming the field', (bad, field) => {
    expect(() => configureJobs({ json: JSON.stringify({ exports: [bad] }) })).toThrow(field);
  });

  it('refuses an export named twice or like a default job', () => {
    expect(() => configureJobs({ json: JSON.stringify({ exports: [spec, spec] }) })).toThrow(/named twice/);
  });
});

describe('an export run', () => {
  let ledger: ReportLedger;
  let folder: string;

  beforeAll(async () => {
    ledger = await openReportLedger();
    folder = mkdtempSync(join(tmpdir(), 'ledgerline-exports-'));
    await ledger.post([
      {
        date: '2026-02-10',
        memo: 'sale',
        lines: [
          { account: '1130', debit: '500.00' },
          { account: '4110', credit: '500.00' },
        ],
      },
    ]);
    await ledger.transform();
  });

  afterAll(async () => {
    await ledger.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it("writes last month's statement to the folder, whole, and says where", async () => {
    const [job] = configureJobs(
      {
        json: JSON.stringify({
          exports: [
            {
              id: 'export-pl',
              cron: '0 6 1 * *',
              report: 'income-statement',
              params: { period: 'last_month' },
              format: 'xlsx',
              folder,
            },
          ],
        }),
      },
      [],
    );
    const context = {
      signal: new AbortController().signal,
      timeoutMs: 60_000,
      ledger: ledger.test.ledger,
      now: new Date('2026-03-01T06:00:00Z'),
      timezone: 'UTC',
    } as unknown as JobContext;
    const outcome = await job!.run(context);
    const file = join(folder, 'income-statement_2026-02-01_2026-02-28.xlsx');
    expect(outcome).toEqual({ status: 'success', detail: expect.stringContaining(file) });
    expect(readdirSync(folder)).toEqual(['income-statement_2026-02-01_2026-02-28.xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.getWorksheet('Income statement')?.getCell('A2').value).toMatch(
      /^from 2026-02-01 · to 2026-02-28/,
    );
    expect(existsSync(`${file}.partial`)).toBe(false);
  });
});
