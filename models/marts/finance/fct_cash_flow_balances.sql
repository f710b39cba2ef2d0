-- The cash attributions of rpt_cash_flow_allocations summed per month, so a cash-flow statement reads whole
-- months from a small table and only the days of a month cut by its range from the allocations.
-- Incremental: the allocations newer than this table's highest last_seq are summed per key and added to the
-- key's row (delete+insert on cash_flow_key). Allocations are only ever appended (documents are never changed
-- or removed; corrections are new documents), so adding the new ones to the old sums is exact.
{{
    config(
        materialized='incremental',
        unique_key='cash_flow_key',
        incremental_strategy='delete+insert'
    )
}}

with

allocations as (
    select * from {{ ref('rpt_cash_flow_allocations') }}
    {%- if is_incremental() %}
    where last_seq > (select coalesce(max(last_seq), 0) from {{ this }})
    {%- endif %}
),

new_sums as (
    select
        period,
        any_value(fiscal_year) as fiscal_year,
        department,
        cost_center,
        project,
        cash_flow_section,
        direct_line,
        coalesce(counter_account_code, '') as counter_account_code,
        sum(amount) as amount,
        count(*) as allocation_count,
        max(last_seq) as last_seq
    from allocations
    group by period, department, cost_center, project, cash_flow_section, direct_line,
        coalesce(counter_account_code, '')
),

aggregated as (
{%- if is_incremental() %}
    -- The keys' current rows plus what is new: keys without new allocations are not rewritten.
    select
        new_sums.period,
        new_sums.fiscal_year,
        new_sums.department,
        new_sums.cost_center,
        new_sums.project,
        new_sums.cash_flow_section,
        new_sums.direct_line,
        new_sums.counter_account_code,
        (coalesce(existing.amount, 0) + new_sums.amount)::decimal(18, 2) as amount,
        coalesce(existing.allocation_count, 0) + new_sums.allocation_count as allocation_count,
        new_sums.last_seq
    from new_sums
    left join {{ this }} as existing
        on existing.cash_flow_key = new_sums.period || '|' || new_sums.department || '|' || new_sums.cost_center
            || '|' || new_sums.project || '|' || new_sums.cash_flow_section || '|' || new_sums.direct_line
            || '|' || new_sums.counter_account_code
{%- else %}
    select
        period, fiscal_year, department, cost_center, project, cash_flow_section, direct_line,
        counter_account_code, amount::decimal(18, 2) as amount, allocation_count, last_seq
    from new_sums
{%- endif %}
),

final as (
    select
        period || '|' || department || '|' || cost_center || '|' || project || '|' || cash_flow_section || '|'
            || direct_line || '|' || counter_account_code as cash_flow_key,
        period,
        fiscal_year,
        department,
        cost_center,
        project,
        cash_flow_section,
        direct_line,
        nullif(counter_account_code, '') as counter_account_code,
        amount,
        allocation_count,
        last_seq
    from aggregated
)

select * from final
