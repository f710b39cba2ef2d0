// The report's own sheet: a title block, a frozen header row, the rows with their number formats and outline
// levels, subtotals as live SUM formulas over the lines they cover, derived columns as formulas, and the
// totals beneath, each a formula over the rows (or other totals) wherever the layout says what it is made of.
import type { Worksheet } from 'exceljs';
import {
  type ColumnDef,
  FORMATS,
  fieldOf,
  type ReportResult,
  type Row,
  type TotalCell,
  type WorkbookLayout,
} from '../definition.ts';
import { labelFor } from '../labels.ts';
import { cellValue, columnLetter, isNumeric, rowRuns, sumOf } from './cells.ts';

/** Rows above the header: title, parameters, blank. */
const HEADER_ROW = 4;
/** Widths in characters. */
const WIDTH = { text: 16, label: 48, number: 16, date: 12 } as const;
/** Outline rows that sum the lines below them; `account` and `item` lines carry amounts of their own. */
const GROUP_KINDS = new Set(['side', 'section', 'line']);
/** Machine keys the sheet leaves out (the outline shows them as the hierarchy). */
const HIDDEN_COLUMNS = new Set(['key']);

export interface TablePlacement {
  /** Sheet row of each report row, by index. */
  rowNumbers: number[];
  /** Column letter of each column shown, by name. */
  letters: Map<string, string>;
}

export function writeTableSheet(
  sheet: Worksheet,
  result: ReportResult,
  layout: WorkbookLayout,
  subtitle: string,
): TablePlacement {
  const columns = result.columns.filter((column) => !HIDDEN_COLUMNS.has(column.name));
  const letters = new Map(columns.map((column, index) => [column.name, columnLetter(index + 1)]));
  const levelField = layout.outlineLevelField;
  const outlined = levelField !== undefined && result.rows.some((row) => typeof row.kind === 'string');

  sheet.getCell('A1').value = result.report.title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = subtitle;
  sheet.columns = columns.map((column) => ({ key: column.name, width: widthOf(column) }));
  const header = sheet.getRow(HEADER_ROW);
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.label;
    cell.font = { bold: true };
    cell.alignment = { horizontal: isNumeric(column) ? 'right' : 'left' };
    cell.border = { bottom: { style: 'thin' } };
  });

  const rowNumbers = result.rows.map((_, index) => HEADER_ROW + 1 + index);
  const children = outlined && levelField ? childrenOf(result.rows, levelField) : new Map<number, number[]>();
  result.rows.forEach((row, index) => {
    const sheetRow = sheet.getRow(rowNumbers[index]!);
    const level = levelField ? Number(row[levelField] ?? 1) : 1;
    if (levelField && level > 1) sheetRow.outlineLevel = Math.min(level - 1, 7);
    const isGroup = outlined && GROUP_KINDS.has(String(row.kind));
    columns.forEach((column, columnIndex) => {
      const cell = sheetRow.getCell(columnIndex + 1);
      const letter = letters.get(column.name)!;
      const derived = layout.derived?.[column.name];
      const members = children.get(index);
      if (derived) {
        cell.value = { formula: derivedFormula(derived, letters, rowNumbers[index]!) };
      } else if (isGroup && column.type === 'money' && members) {
        cell.value = {
          formula: sumOf(
            rowRuns(
              letter,
              members.map((member) => rowNumbers[member]!),
            ),
          ),
        };
      } else {
        cell.value = cellValue(fieldOf(row, column.name), column.type);
      }
      cell.numFmt = column.format;
      if (column.name === 'label' && outlined) cell.alignment = { indent: Math.max(level - 1, 0) };
    });
    if (layout.boldWhenField && isGroup) sheetRow.font = { bold: true };
  });

  const lastDataRow = HEADER_ROW + result.rows.length;
  writeTotals(sheet, result, layout, { letters, rowNumbers, lastDataRow, columns });
  if (layout.freezeHeader !== false) sheet.views = [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }];
  sheet.properties.outlineProperties = { summaryBelow: false, summaryRight: false };
  sheet.pageSetup = {
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `1:${HEADER_ROW}`,
  };
  return { rowNumbers, letters };
}

function widthOf(column: ColumnDef): number {
  if (column.name === 'label' || column.name === 'name' || column.name.endsWith('_name')) return WIDTH.label;
  if (column.type === 'date') return WIDTH.date;
  return isNumeric(column) ? WIDTH.number : WIDTH.text;
}

/** For each group row, the rows one level below it up to the next row at its level or above. */
function childrenOf(rows: Row[], levelField: string): Map<number, number[]> {
  const children = new Map<number, number[]>();
  const open: Array<{ index: number; level: number }> = [];
  rows.forEach((row, index) => {
    const level = Number(row[levelField] ?? 1);
    while (open.length > 0 && open.at(-1)!.level >= level) open.pop();
    const parent = open.at(-1);
    if (parent && parent.level === level - 1) children.get(parent.index)?.push(index);
    if (GROUP_KINDS.has(String(row.kind))) {
      children.set(index, []);
      open.push({ index, level });
    }
  });
  return children;
}

function derivedFormula(
  derived: NonNullable<WorkbookLayout['derived']>[string],
  letters: Map<string, string>,
  row: number,
): string {
  const ref = (name: string) => {
    const letter = letters.get(name);
    if (!letter) throw new Error(`derived column refers to ${name}, which the sheet does not show`);
    return `${letter}${row}`;
  };
  if ('difference' in derived) return `${ref(derived.difference[0])}-${ref(derived.difference[1])}`;
  const [current, base] = derived.percentChange.map(ref) as [string, string];
  return `IF(${base}=0,"",ROUND(100*(${current}-${base})/ABS(${base}),2))`;
}

interface TotalsContext {
  letters: Map<string, string>;
  rowNumbers: number[];
  lastDataRow: number;
  columns: ColumnDef[];
}

/** The totals beneath the table: a label and its figure in the first amount column. */
function writeTotals(sheet: Worksheet, result: ReportResult, layout: WorkbookLayout, context: TotalsContext) {
  const totals = flatTotals(result.totals ?? {});
  if (totals.length === 0) return;
  const labelColumn = 1;
  const figureColumn =
    context.columns.findIndex((column) => column.type === 'money') + 1 || context.columns.length;
  const figureLetter = columnLetter(figureColumn);
  const firstRow = context.lastDataRow + 2;
  const rowOf = new Map(totals.map(([key], index) => [key, firstRow + index]));
  const heading = sheet.getRow(firstRow - 1);
  heading.getCell(labelColumn).value = 'Totals';
  heading.getCell(labelColumn).font = { bold: true };
  totals.forEach(([key, value], index) => {
    const row = sheet.getRow(firstRow + index);
    row.getCell(labelColumn).value = labelFor(key.replaceAll('.', ' '));
    const cell = row.getCell(figureColumn);
    const spec = layout.totals?.[key];
    const formula = spec ? totalFormula(spec, result, context, figureLetter, rowOf) : null;
    const numeric = typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(String(value));
    cell.value = formula ? { formula } : numeric ? cellValue(value, 'money') : String(value ?? '');
    cell.numFmt = Number.isInteger(value) ? FORMATS.integer : FORMATS.money;
    row.font = { bold: true };
  });
}

/** Totals one level deep (the income statement's `comparison` totals become `comparison.revenue`). */
function flatTotals(totals: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(totals).flatMap(([key, value]) =>
    value && typeof value === 'object'
      ? Object.entries(value as Record<string, unknown>).map(([inner, innerValue]) => [
          `${key}.${inner}`,
          innerValue,
        ])
      : [[key, value]],
  ) as Array<[string, unknown]>;
}

function totalFormula(
  spec: TotalCell,
  result: ReportResult,
  context: TotalsContext,
  figureLetter: string,
  rowOf: Map<string, number>,
): string | null {
  if ('line' in spec) {
    const index = result.rows.findIndex((row) => row.key === spec.line);
    return index < 0 ? '0' : `${figureLetter}${context.rowNumbers[index]}`;
  }
  if ('sum' in spec) {
    const letter = context.letters.get(spec.sum);
    if (!letter) return null;
    if (result.rows.length === 0) return '0';
    return `SUM(${letter}${context.rowNumbers[0]}:${letter}${context.lastDataRow})`;
  }
  const ref = (key: string) => {
    const row = rowOf.get(key);
    if (!row) throw new Error(`total refers to ${key}, which the report does not return`);
    return `${figureLetter}${row}`;
  };
  const added = spec.add.map(ref).join('+');
  const subtracted = (spec.subtract ?? []).map((key) => `-${ref(key)}`).join('');
  return `${added}${subtracted}`;
}
