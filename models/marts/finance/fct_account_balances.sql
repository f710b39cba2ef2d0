-- Pre-aggregated movements: one row per account x period x department x cost_center x project x
-- is_closing_entry, so that statements never rescan the ledger. A missing dimension is stored as '' (never a
-- real code: codes are trimmed and non-empty) so the grain stays a plain equality key for delete+insert.
-- Year-end closing lines get rows of their own (is_closing_entry), so the income statement can leave them out
-- while balances include them.
-- Incremental by delta: lines with a seq above this table's highest last_seq are aggregated per grain key and
-- added to that key's existing row, which the sum replaces (delete+insert on balance_key). Exact because
-- the facts are append-only and corrections are reversals (new lines): a line is never changed or removed,
-- so old movement + new lines' movement is the movement of all lines. Untouched keys keep their rows.
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
    {%- if is_incremental() %}
    where seq > (select coalesce(max(last_seq), 0) from {{ this }})
    {%- endif %}
),

aggregated as (
    select
        account_code,
        period,
        coalesce(department, '') as department,
        coalesce(cost_center, '') as cost_center,
        coalesce(project, '') as project,
        is_closing_entry,
        any_value(fiscal_year) as fiscal_year,
        any_value(fiscal_period) as fiscal_period,
        any_value(fiscal_quarter) as fiscal_quarter,
        sum(debit)::decimal(18, 2) as debit,
        sum(credit)::decimal(18, 2) as credit,
        sum(amount)::decimal(18, 2) as net_movement,
        count(*) as line_count,
        max(seq) as last_seq
    from journal_lines
    -- The fiscal columns follow from period (one calendar month lies in one fiscal period), so the grain
    -- alone groups; any_value picks that one value without hashing three more keys per line.
    group by
        account_code,
        period,
        coalesce(department, ''),
        coalesce(cost_center, ''),
        coalesce(project, ''),
        is_closing_entry
),

keyed as (
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
),

{%- if is_incremental() %}

final as (
    select
        keyed.balance_key,
        keyed.account_code,
        keyed.period,
        keyed.fiscal_year,
        keyed.fiscal_period,
        keyed.fiscal_quarter,
        keyed.department,
        keyed.cost_center,
        keyed.project,
        keyed.is_closing_entry,
        (keyed.debit + coalesce(existing.debit, 0))::decimal(18, 2) as debit,
        (keyed.credit + coalesce(existing.credit, 0))::decimal(18, 2) as credit,
        (keyed.net_movement + coalesce(existing.net_movement, 0))::decimal(18, 2) as net_movement,
        keyed.line_count + coalesce(existing.line_count, 0) as line_count,
        greatest(keyed.last_seq, existing.last_seq) as last_seq
    from keyed
    left join {{ this }} as existing
        on keyed.balance_key = existing.balance_key
)

{%- else %}

final as (
    select * from keyed
)

{%- endif %}

select * from final
