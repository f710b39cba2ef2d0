// The reports and statements areas: the catalogue, any report by id, and the financial statements under the
// design's field names; JSON or CSV, each answer saying how fresh the marts were (refreshed_at, last_fact_seq).
import { PassThrough, Readable, type Writable } from 'node:stream';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Context } from 'hono';
import { z } from 'zod';
import { LedgerError } from '../ingest/index.ts';
import { ARROW_MEDIA_TYPE, renderArrow } from '../reports/arrow.ts';
import { StockLedgerParams } from '../reports/definitions/stock-ledger.ts';
import {
  CSV_MEDIA_TYPE,
  checkReportParams,
  listReports,
  type ReportResult,
  renderCsv,
  runReport,
  STATEMENT_IDS,
  statementJson,
} from '../reports/index.ts';
import { GeneralLedgerParams } from '../reports/statements/general-ledger.ts';
import { checkLedgerExport, writeLedgerExport } from '../reports/xlsx/ledger-export.ts';
import { checkStockLedgerExport, writeStockLedgerExport } from '../reports/xlsx/stock-ledger-export.ts';
import { renderWorkbook, XLSX_MEDIA_TYPE } from '../reports/xlsx/workbook.ts';
import type { Schedules } from '../schedules/index.ts';
import { answerChartSvg, SVG_MEDIA_TYPE } from './chart-svg.ts';
import type { AppEnv } from './env.ts';
import { FreshParam, stampFreshness } from './freshness.ts';
import { ReportAnswer, ReportCatalogue, StatementAnswer } from './report-shapes.ts';
import { type Area, route } from './route.ts';

const STATEMENTS = new Set<string>(STATEMENT_IDS);

const documented = (text: string) => z.string().optional().describe(text);

/**
 * The query of a report: the format, `fresh`, and the report's own parameters, documented here and validated
 * by the report definition (so an unknown or misplaced parameter is named in the 422).
 */
function reportQuery(formats: readonly [string, ...string[]]) {
  return z.looseObject({
    format: z
      .enum(formats)
      .default('json')
      .describe(
        'json, csv, xlsx (a workbook with live formulas) or, on /reports, arrow (an Arrow IPC stream)',
      ),
    ...FreshParam,
    as_of: documented('YYYY-MM-DD: trial balance (instead of from/to), balance sheet'),
    from: documented('YYYY-MM-DD, first day of the range'),
    to: documented('YYYY-MM-DD, last day of the range'),
    compare: documented('income statement: none, previous-period or previous-year'),
    columns: documented('income statement: total, month or quarter'),
    method: documented('cash flow: indirect or direct'),
    account: documented('general ledger: an account code (a group stands for every account below it)'),
    department: documented('only lines of this department'),
    cost_center: documented('only lines of this cost centre'),
    project: documented('only lines of this project'),
    limit: documented('general ledger, stock balance, open purchase and sales orders: lines per answer'),
    warehouse: documented('stock and order reports: only this warehouse'),
    offset: documented('general ledger: lines to skip'),
  });
}

const StatementQuery = reportQuery(['json', 'csv', 'xlsx']);
const ReportQuery = reportQuery(['json', 'csv', 'xlsx', 'arrow', 'svg']);
const ReportId = z.strictObject({ id: z.string().min(1).max(100) });

/**
 * Runs report `id` and answers in the asked format. Parameters are checked before `fresh` refreshes the marts;
 * the freshness of the marts read goes into the headers always and into the JSON body.
 */
async function answer(
  c: Context<AppEnv>,
  schedules: Schedules,
  id: string,
  query: { format: string; fresh?: boolean },
  toJson: (result: ReportResult) => object,
): Promise<Response> {
  const raw = c.req.query();
  checkReportParams(id, raw);
  if (id === 'general-ledger' && query.format === 'xlsx')
    return ledgerWorkbook(c, schedules, raw, query.fresh);
  if (id === 'stock-ledger' && query.format === 'xlsx')
    return stockLedgerWorkbook(c, schedules, raw, query.fresh);
  const { refreshed_at, last_fact_seq } = await stampFreshness(c, schedules, query.fresh);
  const result = await runReport(schedules.ledger.db, id, raw);
  if (query.format === 'csv') {
    c.header('Content-Disposition', `attachment; filename="${id}.csv"`);
    return c.body(renderCsv(result), 200, { 'Content-Type': CSV_MEDIA_TYPE });
  }
  if (query.format === 'arrow') {
    c.header('Content-Disposition', `attachment; filename="${id}.arrows"`);
    return c.body(new Uint8Array(renderArrow(result)), 200, { 'Content-Type': ARROW_MEDIA_TYPE });
  }
  if (query.format === 'xlsx') {
    const workbook = await renderWorkbook(schedules.ledger.db, result, {
      company: schedules.ledger.state.settings.companyName,
      generatedAt: new Date().toISOString(),
      refreshedAt: refreshed_at,
      lastFactSeq: last_fact_seq,
    });
    c.header('Content-Disposition', `attachment; filename="${id}.xlsx"`);
    return c.body(new Uint8Array(workbook), 200, { 'Content-Type': XLSX_MEDIA_TYPE });
  }
  return c.json({ refreshed_at, last_fact_seq, ...toJson(result) });
}

/**
 * The general ledger as a workbook is the whole range (limit and offset do not apply), streamed from the
 * marts into the response; the range is checked against what one sheet holds before the first byte.
 */
function ledgerWorkbook(
  c: Context<AppEnv>,
  schedules: Schedules,
  raw: Record<string, string>,
  fresh?: boolean,
) {
  const params = GeneralLedgerParams.parse(withoutTransport(raw));
  return streamedWorkbook(c, schedules, fresh, 'general-ledger.xlsx', {
    check: (connection) => checkLedgerExport(connection, params),
    write: (connection, output) => writeLedgerExport(connection, params, output),
  });
}

/** The stock ledger of an item as a workbook, likewise: every move of the range, streamed. */
function stockLedgerWorkbook(
  c: Context<AppEnv>,
  schedules: Schedules,
  raw: Record<string, string>,
  fresh?: boolean,
) {
  const { limit: _limit, offset: _offset, ...params } = StockLedgerParams.parse(withoutTransport(raw));
  return streamedWorkbook(c, schedules, fresh, `stock-ledger-${params.item}.xlsx`, {
    check: (connection) => checkStockLedgerExport(connection, params),
    write: (connection, output) => writeStockLedgerExport(connection, params, output),
  });
}

interface StreamedExport {
  /** Throws a LedgerError (answered 4xx) before the first byte when the export cannot be written. */
  check(connection: DuckDBConnection): Promise<unknown>;
  write(connection: DuckDBConnection, output: Writable): Promise<unknown>;
}

async function streamedWorkbook(
  c: Context<AppEnv>,
  schedules: Schedules,
  fresh: boolean | undefined,
  filename: string,
  work: StreamedExport,
): Promise<Response> {
  const db = schedules.ledger.db;
  await stampFreshness(c, schedules, fresh);
  await db.withReader(work.check);
  const output = new PassThrough();
  db.withReader((connection) => work.write(connection, output)).catch((error: Error) =>
    output.destroy(error),
  );
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return c.body(Readable.toWeb(output) as ReadableStream, 200, { 'Content-Type': XLSX_MEDIA_TYPE });
}

function withoutTransport(raw: Record<string, string>): Record<string, string> {
  const { format: _format, fresh: _fresh, ...rest } = raw;
  return rest;
}

export function reportsArea(schedules: Schedules): Area {
  const routes = [
    route({
      method: 'get',
      path: '/',
      id: 'listReports',
      summary: 'The report catalogue: every statement and report with its parameters and columns',
      access: 'signed_in',
      responses: { 200: { description: 'the catalogue', schema: ReportCatalogue } },
      handle: (c) => c.json({ rows: listReports() }),
    }),
    route({
      method: 'get',
      path: '/:id',
      id: 'runReport',
      summary: 'Run one report of the catalogue (parameters as in its catalogue entry); JSON or CSV',
      access: 'signed_in',
      params: ReportId,
      query: ReportQuery,
      responses: {
        200: {
          description: 'the report',
          schema: ReportAnswer,
          otherMediaTypes: [CSV_MEDIA_TYPE, SVG_MEDIA_TYPE],
        },
        404: { description: 'no such report (`report_not_found`)' },
        503: { description: 'the marts are not built yet, or fresh=true could not refresh them in time' },
      },
      handle: (c, { params, query }) =>
        query.format === 'svg'
          ? answerChartSvg(c, schedules, params.id, query.fresh)
          : answer(c, schedules, params.id, query, (result) => result),
    }),
  ];
  return { prefix: '/api/v1/reports', tag: 'reports', routes };
}

export function statementsArea(schedules: Schedules): Area {
  const routes = [
    route({
      method: 'get',
      path: '/:id',
      id: 'getStatement',
      summary: `A financial statement (${STATEMENT_IDS.join(', ')}) under the design field names; JSON or CSV`,
      access: 'signed_in',
      params: ReportId,
      query: StatementQuery,
      responses: {
        200: { description: 'the statement', schema: StatementAnswer, otherMediaTypes: [CSV_MEDIA_TYPE] },
        404: { description: 'no such statement (`statement_not_found`)' },
        503: { description: 'the marts are not built yet, or fresh=true could not refresh them in time' },
      },
      handle: (c, { params, query }) => {
        if (!STATEMENTS.has(params.id)) throw statementNotFound(params.id);
        return answer(c, schedules, params.id, query, statementJson);
      },
    }),
  ];
  return { prefix: '/api/v1/statements', tag: 'statements', routes };
}

function statementNotFound(id: string): LedgerError {
  const message = `no statement "${id}"; statements are ${STATEMENT_IDS.join(', ')}`;
  return new LedgerError('not_found', 'statement_not_found', message, [
    { path: 'id', code: 'statement_not_found', message },
  ]);
}
