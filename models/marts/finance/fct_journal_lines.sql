-- The general ledger: one row per journal line, with its entry, its account's mapping and its fiscal position.
-- is_closing_entry marks the lines of year-end closing journals (document type 'year-end-close', and their
-- reversals, which keep the type): they move the year's result into retained earnings, so the income
-- statement leaves them out while balances and the trial balance keep them.
-- Incremental on the fact watermark `seq`: lines are append-only and seq grows in commit order, so a run
-- appends the lines with a seq above the highest one already here; a repeated run selects nothing twice,
-- so no delete by key is needed (that would scan every seq here on each run).
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

journal_entries as (
    select * from {{ ref('stg_ledger__journal_entries') }}
    {%- if is_incremental() %}
    -- An entry's header takes a seq above its own lines' (sources.yml), so the entries of the new lines lie
    -- above the watermark too: the join reads the new headers instead of every header.
    where seq > (select coalesce(max(seq), 0) from {{ this }})
    {%- endif %}
),

accounts as (
    select * from {{ ref('dim_accounts') }}
),

calendar as (
    select * from {{ ref('dim_dates') }}
),

final as (
    select
        journal_lines.seq,
        journal_lines.document_number || ':' || cast(journal_lines.line_no as varchar) as journal_line_id,
        journal_lines.document_type,
        journal_lines.document_number,
        journal_lines.line_no,
        journal_lines.posting_date,
        calendar.period,
        calendar.fiscal_year,
        calendar.fiscal_period,
        calendar.fiscal_quarter,
        journal_lines.account_code,
        accounts.name as account_name,
        accounts.type as account_type,
        accounts.top_level_code as account_top_level_code,
        accounts.normal_balance,
        accounts.statement,
        accounts.statement_section,
        accounts.statement_line,
        accounts.cash_flow_category,
        accounts.cash_flow_line,
        journal_lines.debit,
        journal_lines.credit,
        journal_lines.amount,
        journal_lines.department,
        journal_lines.cost_center,
        journal_lines.project,
        journal_lines.party,
        journal_lines.memo as line_memo,
        journal_entries.memo as entry_memo,
        journal_entries.reference,
        journal_entries.source_document_type,
        journal_entries.source_document_number,
        journal_entries.reverses_document_number,
        journal_entries.is_reversal,
        journal_lines.document_type = 'year-end-close' as is_closing_entry,
        journal_lines.recorded_at,
        journal_lines.user_name,
        journal_lines.idempotency_key
    from journal_lines
    left join journal_entries
        on journal_lines.document_number = journal_entries.document_number
    left join accounts
        on journal_lines.account_code = accounts.code
    left join calendar
        on journal_lines.posting_date = calendar.date_day
)

select * from final
