// Postings per day: how many journals and journal lines were posted on each posting date of a range, the
// daily workload finance sees. Reads the general-ledger mart.
import { z } from 'zod';
import { column, defineReport } from '../definition.ts';
import { checkRangeOrder, dateRange, dimensionFilters, fieldIssue } from '../params.ts';

/** Days in one range at most (a bit more than a year), so a chart of days stays readable. */
export const POSTING_DAYS_MAX = 400;

export const PostingsPerDayParams = z
  .strictObject({ ...dateRange, department: dimensionFilters.department })
  .superRefine((params, ctx) => {
    checkRangeOrder(params, ctx);
    const days = (Date.parse(params.to) - Date.parse(params.from)) / 86_400_000 + 1;
    if (days > POSTING_DAYS_MAX) {
      fieldIssue(ctx, 'to', 'range_too_long', `at most ${POSTING_DAYS_MAX} days from from to to`);
    }
  });

const PER_DAY = `
with

lines as (
    select posting_date, document_number
    from marts.fct_journal_lines
    where posting_date between cast($from as date) and cast($to as date)
        and (cast($department as varchar) is null or department = $department)
),

per_day as (
    select
        posting_date,
        count(distinct document_number)::integer as journals,
        count(*)::integer as lines
    from lines
    group by posting_date
)`;

export const postingsPerDay = defineReport({
  id: 'postings-per-day',
  title: 'Postings per day',
  description:
    `Journals and journal lines posted per posting date between from and to (at most ${POSTING_DAYS_MAX} ` +
    'days); days without postings are left out. Filter: department (lines of that department only).',
  kind: 'report',
  params: PostingsPerDayParams,
  sql: `${PER_DAY}
select * from per_day
order by posting_date`,
  totalsSql: `${PER_DAY}
select
    count(*)::integer as days,
    coalesce(sum(journals), 0)::integer as journals,
    coalesce(sum(lines), 0)::integer as lines
from per_day`,
  columns: [
    column('posting_date', 'Date', 'date'),
    column('journals', 'Journals', 'integer'),
    column('lines', 'Lines', 'integer'),
  ],
  chart: {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Journals posted per day',
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      x: { field: 'posting_date', type: 'temporal', title: 'Posting date' },
      y: { field: 'journals', type: 'quantitative', title: 'Journals' },
    },
  },
  workbook: { sheet: 'Postings per day', freezeHeader: true },
});
