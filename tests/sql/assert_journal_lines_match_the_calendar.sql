-- Every journal line sits where the calendar puts its posting date: fct_journal_lines works out its period,
-- fiscal year, fiscal period and quarter itself (so it need not wait for dim_dates), and this holds it to
-- dim_dates' answer. One row per line that disagrees, or whose date the calendar does not hold.
-- Scoped to the lines posted since the watermark: a line's date never changes, and the calendar only grows.
{#- tests_since_seq: see assert_journal_lines_post_to_leaf_accounts.sql and transform/test-scope.ts. -#}
{%- set since_seq = var('tests_since_seq', '') %}
with

journal_lines as (
    select * from {{ ref('fct_journal_lines') }}
    {%- if since_seq %}
    where seq > {{ since_seq | int }}
    {%- endif %}
),

calendar as (
    select * from {{ ref('dim_dates') }}
),

final as (
    select
        journal_lines.seq,
        journal_lines.posting_date,
        journal_lines.period,
        calendar.period as calendar_period,
        journal_lines.fiscal_year,
        calendar.fiscal_year as calendar_fiscal_year,
        journal_lines.fiscal_period,
        calendar.fiscal_period as calendar_fiscal_period,
        journal_lines.fiscal_quarter,
        calendar.fiscal_quarter as calendar_fiscal_quarter
    from journal_lines
    left join calendar
        on journal_lines.posting_date = calendar.date_day
    where calendar.date_day is null
        or journal_lines.period is distinct from calendar.period
        or journal_lines.fiscal_year is distinct from calendar.fiscal_year
        or journal_lines.fiscal_period is distinct from calendar.fiscal_period
        or journal_lines.fiscal_quarter is distinct from calendar.fiscal_quarter
)

select * from final
