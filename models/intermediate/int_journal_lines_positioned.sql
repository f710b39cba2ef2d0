-- Journal lines as posted, each with its place in the fiscal calendar: period ('YYYY-MM'), fiscal year,
-- fiscal period and quarter, worked out from the posting date and the fiscal year's start month with
-- dim_dates' own formulas (assert_journal_lines_match_the_calendar holds them to the calendar's answer).
-- A view, so the marts built from journal lines (fct_journal_lines, rpt_cash_flow_allocations) read the
-- facts side by side instead of one after the other, and none waits for the calendar to be rebuilt.
with

journal_lines as (
    select * from {{ ref('stg_ledger__journal_lines') }}
),

settings as (
    select fiscal_year_start_month as start_month from {{ ref('int_settings_pivoted') }}
),

positioned as (
    select
        journal_lines.*,
        cast(
            year(journal_lines.posting_date)
            - case when month(journal_lines.posting_date) < settings.start_month then 1 else 0 end
            as integer
        ) as fiscal_year,
        cast((month(journal_lines.posting_date) - settings.start_month + 12) % 12 + 1 as integer) as fiscal_period
    from journal_lines
    cross join settings
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        posting_date,
        strftime(posting_date, '%Y-%m') as period,
        fiscal_year,
        fiscal_period,
        cast((fiscal_period - 1) // 3 + 1 as integer) as fiscal_quarter,
        account_code,
        debit,
        credit,
        amount,
        department,
        cost_center,
        project
    from positioned
)

select * from final
