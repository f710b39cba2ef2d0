// Charts of reports: the definition's spec with its data, and its server-side SVG.
export { CHART_FONT, CHART_ROWS_MAX, type ChartSize, chartWithData } from './spec.ts';
export { renderChartSvg, SVG_HEIGHT_PX, SVG_MEDIA_TYPE, SVG_WIDTH_PX } from './svg.ts';
