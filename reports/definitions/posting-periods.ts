// The periods that have postings, newest first: what a period selector offers and where a dashboard starts.
import { z } from 'zod';
import { column, defineReport } from '../definition.ts';

export const postingPeriods = defineReport({
  id: 'posting-periods',
  title: 'Periods with postings',
  description:
    'Every calendar month with at least one journal line, newest first, with its fiscal year, whether it is ' +
    'closed and how many journal lines it holds.',
  kind: 'report',
  params: z.strictObject({}),
  sql: `
with

posted as (
    select period, sum(line_count)::integer as lines
    from marts.fct_account_balances
    group by period
),

final as (
    select posted.period, periods.fiscal_year, periods.is_closed, posted.lines
    from posted
    inner join marts.dim_periods as periods
        on posted.period = periods.period
)

select * from final
order by period desc`,
  columns: [
    column('period', 'Month', 'text'),
    column('fiscal_year', 'Fiscal year', 'integer'),
    column('is_closed', 'Closed', 'text'),
    column('lines', 'Journal lines', 'integer'),
  ],
});
