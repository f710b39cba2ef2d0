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
-- The fiscal position (period, fiscal year, period and quarter) comes from int_journal_lines_positioned,
-- worked out from the posting date, not joined from the calendar: an incremental run need not wait for
-- dim_dates to be rebuilt first.
{{
    config(
        materialized='incremental',
        incremental_strategy='append'
    )
}}

with

journal_lines as (
    select * from {{ ref('int_journal_lines_positioned') }}
    {%- if is_incremental() %}
    where seq > (select coalesce(max(seq), 0) from {{ this }})
    {%- endif %}
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        posting_date,
        period,
        fiscal_year,
        fiscal_period,
        fiscal_quarter,
        account_code,
        debit,
        credit,
        amount,
        department,
        cost_center,
        project,
        document_type = 'year-end-close' as is_closing_entry
    from journal_lines
)

select * from final
