// Process activity: events of the process log per posting month, process and activity. Reads the staging view
// of the log: the process marts (and the bottleneck analysis) arrive with process monitoring.
import { z } from 'zod';
import { column, defineReport } from '../definition.ts';
import { checkRangeOrder, dateRange } from '../params.ts';

export const ProcessActivityParams = z.strictObject({ ...dateRange }).superRefine(checkRangeOrder);

const PER_MONTH = `
with

events as (
    select process, activity, case_id, strftime(posting_date, '%Y-%m') as period
    from staging.stg_ledger__process_events
    where posting_date between cast($from as date) and cast($to as date)
),

per_month as (
    select
        period,
        process,
        activity,
        count(*)::integer as events,
        count(distinct case_id)::integer as cases
    from events
    group by period, process, activity
)`;

export const processActivity = defineReport({
  id: 'process-activity',
  title: 'Process activity by month',
  description:
    'Events of the process log (facts.process_events) per posting month, process and activity between from ' +
    'and to, with the number of cases they touched.',
  kind: 'report',
  params: ProcessActivityParams,
  sql: `${PER_MONTH}
select * from per_month
order by period, process, activity`,
  totalsSql: `${PER_MONTH}
select
    coalesce(sum(events), 0)::integer as events,
    count(distinct process)::integer as processes
from per_month`,
  columns: [
    column('period', 'Month', 'text'),
    column('process', 'Process', 'text'),
    column('activity', 'Activity', 'text'),
    column('events', 'Events', 'integer'),
    column('cases', 'Cases', 'integer'),
  ],
  chart: {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Process events per month, stacked by activity',
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: 'Month' },
      y: { field: 'events', type: 'quantitative', title: 'Events', aggregate: 'sum' },
      color: { field: 'activity', type: 'nominal', title: 'Activity' },
    },
  },
  workbook: { sheet: 'Process activity', freezeHeader: true },
});
