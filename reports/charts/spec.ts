// A report's chart with its data: the definition's vega-lite spec plus the result's rows as inline values.
// Exact decimal strings become numbers here only because a chart plots positions; tables and tiles keep strings.
import type { ChartSpec, ColumnDef, ReportResult, Row } from '../definition.ts';

/** Rows one chart plots at most: beyond this a chart is unreadable and slow to draw. */
export const CHART_ROWS_MAX = 5_000;

/** Pinned so that text widths, which vega estimates without a browser, match on every machine. */
export const CHART_FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

export interface ChartSize {
  /** Pixels, or 'container' to follow the width of the element the chart is embedded in (browser only). */
  width: number | 'container';
  height: number;
}

/** The vega-lite the app ships: a definition's `$schema` may name an older one, the renderer is this one. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

const NUMERIC = new Set(['money', 'percent', 'number', 'integer']);

/** The chart of `result` as a complete vega-lite spec at `size`, its rows as the inline data. */
export function chartWithData(chart: ChartSpec, result: ReportResult, size: ChartSize): ChartSpec {
  const values = result.rows.slice(0, CHART_ROWS_MAX).map((row) => plotted(row, result.columns));
  return {
    ...chart,
    $schema: VEGA_LITE_SCHEMA,
    width: size.width,
    height: size.height,
    autosize: { type: 'fit', contains: 'padding' },
    data: { values },
    config: { font: CHART_FONT, ...((chart.config as object | undefined) ?? {}) },
  };
}

function plotted(row: Row, columns: ColumnDef[]): Row {
  const values: Row = { ...row };
  for (const column of columns) {
    const value = row[column.name];
    if (NUMERIC.has(column.type) && value !== null && value !== undefined)
      values[column.name] = Number(value);
  }
  return values;
}
