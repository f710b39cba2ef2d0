// The public face of reports/: the catalogue, running a report, and rendering its result.
export { type CatalogueEntry, getReport, listReports, REPORT_IDS } from './catalogue.ts';
export { CSV_MEDIA_TYPE, renderCsv } from './csv.ts';
export type {
  BindValue,
  ColumnDef,
  ColumnType,
  PageInfo,
  ReportDb,
  ReportDefinition,
  ReportResult,
  Row,
} from './definition.ts';
export { GL_PAGE_ROWS_DEFAULT, GL_PAGE_ROWS_MAX, PERIOD_COLUMNS_MAX } from './params.ts';
export { checkReportParams, runReport } from './run.ts';
export { STATEMENT_IDS, statementJson } from './statement-json.ts';
