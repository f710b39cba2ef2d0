// Bulk rows for exceljs' streaming worksheets: a million-line export spends most of its time in exceljs' per
// cell object model (a Row, a Cell and a value object per cell, an XML builder per row), not in the file.
// Rows of plain strings and numbers are written here as SpreadsheetML straight into the sheet's own stream,
// between what exceljs writes before them (columns, header rows) and after them (totals, print setup), with
// the style ids exceljs registered for each column. Everything else of the workbook stays exceljs'.
import ExcelJS from 'exceljs';
import { columnLetter } from './cells.ts';

/** The parts of exceljs' WorksheetWriter (lib/stream/xlsx/worksheet-writer.js, 4.4) the bulk rows rely on. */
interface WorksheetWriterInternals {
  stream: { write(text: string): unknown };
  startedData: boolean;
  _rowZero: number;
  _rows: unknown[] | null;
}

interface WorkbookWriterInternals {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number };
}

/** A value of a bulk row: text, a number (dates as their serials, see SERIAL_DAY_ZERO), or no cell. */
export type BulkValue = string | number | null | undefined;

/** Characters XML 1.0 does not allow in text; exceljs drops them too. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPED = /[&<>]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
const NEEDS_WORK = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function xmlText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(NOT_XML, '').replace(ESCAPED, (char) => ENTITIES[char] ?? char);
}

/** Whitespace XML would not keep at the edges of a text without xml:space="preserve". */
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * Writes rows of a streaming worksheet in bulk. Create it after exceljs has committed the rows above (so the
 * sheet data is open), write the rows, then go on with exceljs (`addRow` numbers its rows after these).
 */
export class BulkRows {
  private readonly sheet: WorksheetWriterInternals;
  /** Per column, the fixed parts of a cell's XML around its row number and value. */
  private readonly cellStart: string[];
  private readonly numberStart: string[];
  private readonly textStart: string[];
  private readonly spacedTextStart: string[];
  private readonly styleIds: number[];

  constructor(
    workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    worksheet: ExcelJS.Worksheet,
    styles: ReadonlyArray<{ style: Partial<ExcelJS.Style>; type: 'text' | 'number' }>,
  ) {
    const sheet = worksheet as unknown as WorksheetWriterInternals;
    // exceljs keeps these private; if an upgrade changed them, fail here rather than write a broken sheet.
    if (
      typeof sheet.stream?.write !== 'function' ||
      sheet.startedData !== true ||
      !Array.isArray(sheet._rows) ||
      sheet._rows.length > 0 ||
      !Number.isInteger(sheet._rowZero)
    )
      throw new Error('bulk rows need an exceljs streaming worksheet whose earlier rows are all committed');
    this.sheet = sheet;
    const registry = (workbook as unknown as WorkbookWriterInternals).styles;
    this.styleIds = styles.map(({ style, type }) =>
      registry.addStyleModel(style, type === 'number' ? ExcelJS.ValueType.Number : ExcelJS.ValueType.String),
    );
    this.cellStart = styles.map((_, index) => `<c r="${columnLetter(index + 1)}`);
    this.numberStart = this.styleIds.map((id) => `" s="${id}"><v>`);
    this.textStart = this.styleIds.map((id) => `" s="${id}" t="inlineStr"><is><t>`);
    this.spacedTextStart = this.styleIds.map(
      (id) => `" s="${id}" t="inlineStr"><is><t xml:space="preserve">`,
    );
  }

  /** The number the next row will get. */
  get nextRow(): number {
    return this.sheet._rowZero;
  }

  /**
   * Writes `count` rows whose values are read column by column: `columns[col][index]` is the value of
   * column `col` in row `index`. Returns the rows written.
   */
  writeColumns(columns: ReadonlyArray<ReadonlyArray<BulkValue>>, count: number): number {
    const parts: string[] = [];
    const first = this.sheet._rowZero;
    for (let index = 0; index < count; index++) {
      const number = first + index;
      parts.push(`<row r="${number}">`);
      for (let col = 0; col < columns.length; col++) {
        const value = columns[col]?.[index];
        if (value === null || value === undefined) continue;
        if (typeof value === 'number') {
          if (!Number.isFinite(value)) throw new Error(`not a number a spreadsheet holds: ${value}`);
          parts.push(
            this.cellStart[col] as string,
            String(number),
            this.numberStart[col] as string,
            String(value),
            '</v></c>',
          );
        } else {
          const text = xmlText(value);
          const spaced =
            text.length > 0 && (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)));
          parts.push(
            this.cellStart[col] as string,
            String(number),
            spaced ? (this.spacedTextStart[col] as string) : (this.textStart[col] as string),
            text,
            '</t></is></c>',
          );
        }
      }
      parts.push('</row>');
    }
    const number = first + count;
    this.sheet.stream.write(parts.join(''));
    this.sheet._rowZero = number;
    return count;
  }
}
