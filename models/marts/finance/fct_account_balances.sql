-- Pre-aggregated movements: one row per account x period x department x cost_center x project x
-- is_closing_entry, so that statements never rescan the ledger. A missing dimension is stored as '' (never a
-- real code: codes are trimmed and non-empty) so the grain stays a plain equality key for delete+insert.
-- Year-end closing lines get rows of their own (is_closing_entry), so the income statement can leave them out
-- while balances include them.
-- Incremental: the grain keys touched by lines with a seq above this table's highest last_seq are
-- recomputed in full from fct_journal_lines and replace their old rows (delete+insert on balance_key);
-- untouched keys keep their rows. Lines are never deleted, so a key never has to disappear.
{{
    config(
        materialized='incremental',
        unique_key='balance_key',
        incremental_strategy='delete+insert'
    )
}}

with

journal_lines as (
    select * from {{ ref('fct_journal_lines') }}
),

grain_lines as (
    select
        seq,
        account_code,
        period,
        fiscal_year,
        fiscal_period,
        fiscal_quarter,
        coalesce(department, '') as department,
        coalesce(cost_center, '') as cost_center,
        coalesce(project, '') as project,
        is_closing_entry,
        debit,
        credit,
        amount
    from journal_lines
),

{%- if is_incremental() %}

touched_keys as (
    select distinct
        account_code,
        period,
        department,
        cost_center,
        project,
        is_closing_entry
    from grain_lines
    where seq > (select coalesce(max(last_seq), 0) from {{ this }})
),

lines_to_aggregate as (
    select grain_lines.*
    from grain_lines
    inner join touched_keys
        on grain_lines.account_code = touched_keys.account_code
        and grain_lines.period = touched_keys.period
        and grain_lines.department = touched_keys.department
        and grain_lines.cost_center = touched_keys.cost_center
        and grain_lines.project = touched_keys.project
        and grain_lines.is_closing_entry = touched_keys.is_closing_entry
),

{%- else %}

lines_to_aggregate as (
    select * from grain_lines
),

{%- endif %}

aggregated as (
    select
        account_code,
        period,
        department,
        cost_center,
        project,
        is_closing_entry,
        fiscal_year,
        fiscal_period,
        fiscal_quarter,
        sum(debit)::decimal(18, 2) as debit,
        sum(credit)::decimal(18, 2) as credit,
        sum(amount)::decimal(18, 2) as net_movement,
        count(*) as line_count,
        max(seq) as last_seq
    from lines_to_aggregate
    group by
        account_code,
        period,
        department,
        cost_center,
        project,
        is_closing_entry,
        fiscal_year,
        fiscal_period,
        fiscal_quarter
),

final as (
    select
        account_code || '|' || period || '|' || department || '|' || cost_center || '|' || project || '|'
            || case when is_closing_entry then 'closing' else 'regular' end as balance_key,
        account_code,
        period,
        fiscal_year,
        fiscal_period,
        fiscal_quarter,
        department,
        cost_center,
        project,
        is_closing_entry,
        debit,
        credit,
        net_movement,
        line_count,
        last_seq
    from aggregated
)

select * from final
