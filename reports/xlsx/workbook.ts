// A report as a workbook finance can audit: a cover sheet (company, parameters, when it was made, how fresh
// the data was), the report's sheet with live formulas (table-sheet.ts) and, for a statement, the general-
// ledger lines behind it, each account line of the statement linked to its first line there.
import ExcelJS from 'exceljs';
import { getReport } from '../catalogue.ts';
import { column, type ReportDb, type ReportResult, type WorkbookLayout } from '../definition.ts';
import { cellValue } from './cells.ts';
import { type LedgerLines, ledgerLinesOf, WORKBOOK_LEDGER_LINES_MAX } from './ledger-lines.ts';
import { writeTableSheet } from './table-sheet.ts';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows a workbook built in memory may hold; the general ledger streams instead (ledger-export.ts). */
export const WORKBOOK_ROWS_MAX = 100_000;
const LEDGER_SHEET = 'GL lines';

/** Where the figures came from, printed on the cover. */
export interface WorkbookSource {
  company: string;
  generatedAt: string;
  refreshedAt: string | null;
  lastFactSeq: string | null;
}

const LEDGER_COLUMNS = [
  column('account_code', 'Account', 'text'),
  column('account_name', 'Account name', 'text'),
  column('posting_date', 'Date', 'date'),
  column('document_number', 'Document', 'text'),
  column('line_no', 'Line', 'integer'),
  column('memo', 'Memo', 'text'),
  column('department', 'Department', 'text'),
  column('cost_center', 'Cost centre', 'text'),
  column('project', 'Project', 'text'),
  column('debit', 'Debit', 'money'),
  column('credit', 'Credit', 'money'),
];

export async function renderWorkbook(
  db: ReportDb,
  result: ReportResult,
  source: WorkbookSource,
): Promise<Buffer> {
  if (result.rows.length > WORKBOOK_ROWS_MAX) {
    throw new Error(
      `a workbook holds at most ${WORKBOOK_ROWS_MAX} rows; this report has ${result.rows.length}`,
    );
  }
  const layout: WorkbookLayout = getReport(result.report.id).workbook ?? { sheet: result.report.title };
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ledgerline';
  workbook.created = new Date(source.generatedAt);
  // No cached results are written: every reader computes the formulas when it opens the file.
  workbook.calcProperties.fullCalcOnLoad = true;

  const lines =
    result.report.kind === 'statement' && !layout.withoutLedgerLines
      ? await ledgerLinesOf(db, result.params)
      : null;
  writeCover(workbook.addWorksheet('Cover'), result, source, lines);
  const sheet = workbook.addWorksheet(sheetName(layout.sheet));
  const placement = writeTableSheet(sheet, result, layout, parameterText(result.params));
  if (lines) {
    const firstRowOf = writeLedgerLines(workbook.addWorksheet(LEDGER_SHEET), lines);
    linkAccounts(sheet, result, placement.rowNumbers, placement.letters, firstRowOf);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sheet names are at most 31 characters, without []:*?/\ . */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

function parameterText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(' · ');
}

function writeCover(
  sheet: ExcelJS.Worksheet,
  result: ReportResult,
  source: WorkbookSource,
  lines: LedgerLines | null,
): void {
  sheet.columns = [{ width: 28 }, { width: 70 }];
  sheet.getCell('A1').value = source.company;
  sheet.getCell('A1').font = { bold: true, size: 16 };
  sheet.getCell('A2').value = result.report.title;
  sheet.getCell('A2').font = { bold: true, size: 13 };
  const facts: Array<[string, string]> = [
    ...Object.entries(result.params)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([key, value]): [string, string] => [`Parameter: ${key}`, String(value)]),
    ['Generated at (UTC)', source.generatedAt],
    ['Marts refreshed at (UTC)', source.refreshedAt ?? 'not yet'],
    ['Facts up to sequence', source.lastFactSeq ?? 'none'],
    ['Amounts', 'Subtotals and totals are formulas over the rows they cover.'],
  ];
  if (lines) {
    const note = lines.truncated
      ? `the first ${WORKBOOK_LEDGER_LINES_MAX} lines only; export the general ledger for all of them`
      : `${lines.rows.length} lines`;
    facts.push([`Sheet "${LEDGER_SHEET}"`, `general-ledger lines ${lines.from} to ${lines.to}: ${note}`]);
  }
  facts.forEach(([label, value], index) => {
    const row = sheet.getRow(4 + index);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = value;
  });
}

/** The drill-down sheet; returns the row of each account's first line. */
function writeLedgerLines(sheet: ExcelJS.Worksheet, lines: LedgerLines): Map<string, number> {
  sheet.columns = LEDGER_COLUMNS.map((def) => ({
    header: def.label,
    key: def.name,
    width: def.name === 'memo' || def.name === 'account_name' ? 40 : 14,
    style: { numFmt: def.format },
  }));
  sheet.getRow(1).font = { bold: true };
  const firstRowOf = new Map<string, number>();
  lines.rows.forEach((line, index) => {
    const account = String(line.account_code);
    if (!firstRowOf.has(account)) firstRowOf.set(account, index + 2);
    sheet.addRow(LEDGER_COLUMNS.map((def) => cellValue(line[def.name], def.type)));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  sheet.autoFilter = { from: 'A1', to: `K${Math.max(lines.rows.length + 1, 1)}` };
  return firstRowOf;
}

/** Each account line of the statement links to its account's first line on the drill-down sheet. */
function linkAccounts(
  sheet: ExcelJS.Worksheet,
  result: ReportResult,
  rowNumbers: number[],
  letters: Map<string, string>,
  firstRowOf: Map<string, number>,
): void {
  const accountColumn = letters.has('account') ? 'account' : null;
  if (!accountColumn) return;
  const letter = letters.get(accountColumn)!;
  result.rows.forEach((row, index) => {
    const account = typeof row.account === 'string' ? row.account : null;
    const target = account ? firstRowOf.get(account) : undefined;
    if (!account || !target) return;
    sheet.getCell(`${letter}${rowNumbers[index]}`).value = {
      text: account,
      hyperlink: `#'${LEDGER_SHEET}'!A${target}`,
    };
  });
}
