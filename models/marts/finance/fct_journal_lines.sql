-- The general ledger: one row per journal line, with its fiscal position, its signed amount and the flag of
-- closing entries. Narrow on purpose: the keys to the dimensions (account, period, department, cost centre,
-- project) and the measures, nothing a dimension or the facts already hold. Each text column costs the full
-- build a write per line, so the account's name and mapping stay in dim_accounts (statements join them per
-- account, not per line) and the words of a line (memo, party, entry memo) stay in the facts, where the
-- general ledger reads them for the lines of its page only (reports/statements/general-ledger.ts).
-- is_closing_entry marks the lines of year-end closing journals (document type 'year-end-close', and their
-- reversals, which keep the type): they move the year's result into retained earnings, so the income
-- statement leaves them out while balances and the trial balance keep them.
-- Incremental on the fact watermark `seq`: lines are append-only and seq grows in commit order, so a run
-- appends the lines with a seq above the highest one already here; a repeated run selects nothing twice,
-- so no delete by key is needed (that would scan every seq here on each run).
-- The fiscal position (period, fiscal year, period and quarter) is worked out from the posting date and the
-- fiscal year's start month with dim_dates' own formulas, not joined from the calendar: a line's position
-- depends on its date alone, so every incremental run need not wait for the calendar to be rebuilt first.
-- assert_journal_lines_match_the_calendar holds the two to the same answer.
{{
    config(
        materialized='incremental',
        incremental_strategy='append'
    )
}}

with

journal_lines as (
    select * from {{ ref('stg_ledger__journal_lines') }}
    {%- if is_incremental() %}
    where seq > (select coalesce(max(seq), 0) from {{ this }})
    {%- endif %}
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
        positioned.seq,
        positioned.document_type,
        positioned.document_number,
        positioned.line_no,
        positioned.posting_date,
        strftime(positioned.posting_date, '%Y-%m') as period,
        positioned.fiscal_year,
        positioned.fiscal_period,
        cast((positioned.fiscal_period - 1) // 3 + 1 as integer) as fiscal_quarter,
        positioned.account_code,
        positioned.debit,
        positioned.credit,
        positioned.amount,
        positioned.department,
        positioned.cost_center,
        positioned.project,
        positioned.document_type = 'year-end-close' as is_closing_entry
    from positioned
)

select * from final
