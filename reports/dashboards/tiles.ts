// KPI tiles: the month's value as SQL returned it, its change against the month before, and a sparkline of
// the window drawn as an inline SVG polyline (no script needed, so the tiles show even before charts load).
// A report tile shows one total of a report and names the API address that answers it.
import type { ColumnType, Row } from '../definition.ts';
import { display, esc } from './html.ts';
import type { LinkedResult } from './panels.ts';

/** The sparkline's drawing box, in SVG user units; CSS scales it. */
const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 32;
const SPARK_PAD = 2;

export interface Tile {
  key: string;
  label: string;
  type: ColumnType;
  definition: string;
  value: unknown;
  change: unknown;
  previousPeriod: unknown;
  /** The window's values, oldest first; missing values are skipped by the line. */
  series: unknown[];
}

export function tileHtml(tile: Tile): string {
  const value = tile.value === null || tile.value === undefined ? '' : String(tile.value);
  return `<article class="tile" data-kpi="${esc(tile.key)}" data-value="${esc(value)}">
<h2>${esc(tile.label)}</h2>
<p class="value">${esc(display(tile.type, tile.value))}</p>
${changeHtml(tile)}
${sparkline(tile.label, tile.series)}
<p class="definition">${esc(tile.definition)}</p>
</article>`;
}

function changeHtml(tile: Tile): string {
  if (tile.change === null || tile.change === undefined) {
    return '<p class="change none">no comparison</p>';
  }
  const text = String(tile.change);
  const direction = text.startsWith('-') ? 'down' : /^[0.]+$/.test(text) ? 'flat' : 'up';
  const arrow = { down: '▼', flat: '■', up: '▲' }[direction];
  const sign = direction === 'up' ? '+' : '';
  const unit = tile.type === 'percent' ? ' pts' : '';
  return `<p class="change ${direction}" data-change="${esc(text)}">${arrow} ${esc(sign)}${esc(display(tile.type === 'percent' ? 'number' : tile.type, text))}${unit} vs ${esc(tile.previousPeriod)}</p>`;
}

/** Plotting positions only: the numbers are scaled to the box, never shown, so a float is harmless here. */
function sparkline(label: string, series: unknown[]): string {
  const points = series.map((value, index) => ({ index, value: value === null ? null : Number(value) }));
  const known = points.filter((point): point is { index: number; value: number } => point.value !== null);
  if (known.length < 2) return '<p class="sparkline-empty">not enough months for a trend</p>';
  const values = known.map((point) => point.value);
  const low = Math.min(...values);
  const span = Math.max(...values) - low || 1;
  const step = (SPARK_WIDTH - 2 * SPARK_PAD) / Math.max(points.length - 1, 1);
  const coordinates = known.map((point) => {
    const x = SPARK_PAD + point.index * step;
    const y = SPARK_HEIGHT - SPARK_PAD - ((point.value - low) / span) * (SPARK_HEIGHT - 2 * SPARK_PAD);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  return `<svg class="sparkline" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" role="img" aria-label="${esc(label)} by month"><polyline points="${coordinates.join(' ')}"/></svg>`;
}

/** The tiles of a KPI report: values and changes from its totals row, series from its rows. */
export function tilesFrom(
  kpis: ReadonlyArray<{ key: string; label: string; type: ColumnType; definition: string }>,
  rows: Row[],
  totals: Record<string, unknown> | undefined,
): Tile[] {
  return kpis.map((kpi) => ({
    ...kpi,
    value: totals?.[kpi.key],
    change: totals?.[`${kpi.key}_change`],
    previousPeriod: totals?.previous_period,
    series: rows.map((row) => row[kpi.key] ?? null),
  }));
}

export interface ReportTile {
  key: string;
  label: string;
  type: ColumnType;
  /** How the figure is made and over which dates, shown under it. */
  definition: string;
  result: LinkedResult;
  /** The key of the report's totals the tile shows. */
  field: string;
  /** Values by month, oldest first, for a sparkline; none for a figure without a monthly series. */
  series?: unknown[];
}

/** A tile showing one total of a report exactly as the API answers it (`data-value`) and where (`data-source`). */
export function reportTileHtml(tile: ReportTile): string {
  const value = tile.result.totals?.[tile.field];
  const exact = value === null || value === undefined ? '' : String(value);
  const trend = tile.series ? `\n${sparkline(tile.label, tile.series)}` : '';
  return `<article class="tile" data-kpi="${esc(tile.key)}" data-source="${esc(tile.result.source)}" data-figure="${esc(tile.field)}" data-value="${esc(exact)}">
<h2>${esc(tile.label)}</h2>
<p class="value">${esc(display(tile.type, value))}</p>${trend}
<p class="definition">${esc(tile.definition)} <a href="${esc(tile.result.source)}">data</a></p>
</article>`;
}
