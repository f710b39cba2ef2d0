// The chart both on-time reports draw (suppliers' deliveries to us, ours to customers): the on-time rate of each
// partner as a bar on a fixed 0–100 % scale, so two views of the dashboard compare at a glance.
import type { ChartSpec } from '../definition.ts';

export function onTimeChart(field: string, title: string, description: string): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    mark: { type: 'bar' },
    encoding: {
      y: { field, type: 'nominal', title },
      x: {
        field: 'on_time_percent',
        type: 'quantitative',
        title: 'On time %',
        scale: { domain: [0, 100] },
      },
    },
  };
}
