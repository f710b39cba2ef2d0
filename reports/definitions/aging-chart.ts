// The chart both aging reports draw (what customers owe us, what we owe suppliers): the open amount of every
// partner summed per bucket of days past due, in the buckets' order, so the profile of what is late reads left
// to right. Unallocated cash (a credit, receivables only) is left out: it belongs to no bucket.
import type { ChartSpec } from '../definition.ts';

/** The bucket columns of an aging report, in order, with their column labels. */
const BUCKETS = [
  ['not_due', 'Not due'],
  ['bucket_1', 'Up to bucket 1'],
  ['bucket_2', 'Up to bucket 2'],
  ['bucket_3', 'Up to bucket 3'],
  ['over_bucket_3', 'Beyond bucket 3'],
] as const;

/** A label per bucket key as a vega expression (nested conditions: no object literal is needed). */
const LABEL = BUCKETS.reduceRight(
  (otherwise, [key, label]) => `datum.bucket === '${key}' ? '${label}' : ${otherwise}`,
  "''",
);

export function agingChart(description: string): ChartSpec {
  const order = BUCKETS.map(([, label]) => label);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    transform: [
      { fold: BUCKETS.map(([key]) => key), as: ['bucket', 'amount'] },
      { calculate: LABEL, as: 'bucket' },
    ],
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'bucket', type: 'ordinal', title: 'Days past due', sort: order },
      y: { field: 'amount', type: 'quantitative', aggregate: 'sum', title: 'Open amount' },
      color: {
        field: 'bucket',
        type: 'ordinal',
        sort: order,
        legend: null,
        scale: { domain: order, range: ['#54a24b', '#eeca3b', '#f58518', '#e45756', '#9d2424'] },
      },
    },
  };
}
