// Test support: a workbook recalculated by LibreOffice (headless, the Debian package .ci/run installs), read
// back as CSV text, so tests compare what a spreadsheet computes with the report's JSON.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOFFICE = 'soffice';
/** A headless conversion of a small workbook takes 2–5 s; the first one starts LibreOffice. */
const CONVERT_TIMEOUT_MS = 60_000;
/** CSV export options: comma, double quotes, UTF-8, first line 1, formulas' results, every sheet (-1). */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

export const hasSoffice = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8' }).status === 0;
const inCi = Boolean(process.env.CI);

/** False (with a warning) when LibreOffice is missing on a developer machine; in CI its absence fails. */
export function canRecalculate(what: string): boolean {
  if (hasSoffice) return true;
  if (inCi) throw new Error('LibreOffice (soffice) is missing: .ci/run installs libreoffice-calc-nogui');
  console.warn(`${what}: recalculation skipped, LibreOffice is not installed`);
  return false;
}

/** Writes `buffer` as `name`.xlsx into `dir`, recalculates it, and returns the cells of sheet `sheet`. */
export function recalculatedSheet(dir: string, name: string, buffer: Buffer, sheet: string): string[][] {
  writeFileSync(join(dir, `${name}.xlsx`), buffer);
  const converted = spawnSync(
    SOFFICE,
    ['--headless', '--convert-to', CSV_FILTER, '--outdir', dir, join(dir, `${name}.xlsx`)],
    {
      encoding: 'utf8',
      timeout: CONVERT_TIMEOUT_MS,
      env: { ...process.env, HOME: dir },
    },
  );
  if (converted.status !== 0) throw new Error(`LibreOffice failed on ${name}.xlsx: ${converted.stderr}`);
  return parseCsv(readFileSync(join(dir, `${name}-${sheet}.csv`), 'utf8'));
}

/** A money figure as integer cents, from the JSON's exact text or the spreadsheet's number. */
export function cents(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  // + 0 turns a rounded -0 (a float sum a hair below zero) into 0.
  return Math.round(Number(value) * 100) + 0;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (char !== '\r') cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
