// Server-side SVG of a report's chart: vega-lite compiled to vega and drawn by a headless vega View in Node,
// for exports and for sharing a chart without a browser.
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from '../definition.ts';

/** The size of an SVG chart, in pixels. */
export const SVG_WIDTH_PX = 720;
export const SVG_HEIGHT_PX = 320;

export const SVG_MEDIA_TYPE = 'image/svg+xml';

/** Draws a complete vega-lite spec (data included) to SVG text; no DOM, no canvas. */
export async function renderChartSvg(spec: ChartSpec): Promise<string> {
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
