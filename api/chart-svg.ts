// `format=svg` on a report with a chart: the report run as for JSON, its chart drawn to SVG on the server.
import type { Context } from 'hono';
import { LedgerError } from '../ingest/index.ts';
import {
  chartWithData,
  renderChartSvg,
  SVG_HEIGHT_PX,
  SVG_MEDIA_TYPE,
  SVG_WIDTH_PX,
} from '../reports/charts/index.ts';
import { checkReportParams, getReport, runReport } from '../reports/index.ts';
import type { Schedules } from '../schedules/index.ts';
import type { AppEnv } from './env.ts';
import { stampFreshness } from './freshness.ts';

export { SVG_MEDIA_TYPE };

/** Answers report `id` as an SVG image of its chart; 422 `report_has_no_chart` for a report without one. */
export async function answerChartSvg(
  c: Context<AppEnv>,
  schedules: Schedules,
  id: string,
  fresh: boolean | undefined,
): Promise<Response> {
  const { chart } = getReport(id);
  if (!chart) {
    const message = `report "${id}" has no chart; format=svg needs a report whose catalogue entry has has_chart`;
    throw new LedgerError('invalid', 'report_has_no_chart', message, [
      { path: 'format', code: 'report_has_no_chart', message },
    ]);
  }
  const raw = c.req.query();
  checkReportParams(id, raw);
  await stampFreshness(c, schedules, fresh);
  const result = await runReport(schedules.ledger.db, id, raw);
  const svg = await renderChartSvg(
    chartWithData(chart, result, { width: SVG_WIDTH_PX, height: SVG_HEIGHT_PX }),
  );
  return c.body(svg, 200, { 'Content-Type': `${SVG_MEDIA_TYPE}; charset=utf-8` });
}
