-- The cash attributions of rpt_cash_flow_allocations summed per month, so a cash-flow statement reads whole
-- months from a small table and only the days of a month cut by its range from the allocations.
-- Incremental: every period holding an allocation newer than this table's highest last_seq is recomputed in
-- full from the allocations and replaces its rows (delete+insert on cash_flow_key). Documents are never
-- changed or removed (corrections are new documents), so a key of a period never has to disappear.
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
),

{%- if is_incremental() %}

touched_periods as (
    select distinct period
    from allocations
    where last_seq > (select coalesce(max(last_seq), 0) from {{ this }})
),

periods as (
    select allocations.period, max(allocations.last_seq) as last_seq
    from allocations
    inner join touched_periods
        on allocations.period = touched_periods.period
    group by allocations.period
),

{%- else %}

periods as (
    select period, max(last_seq) as last_seq
    from allocations
    group by period
),

{%- endif %}

aggregated as (
    select
        allocations.period,
        allocations.fiscal_year,
        allocations.department,
        allocations.cost_center,
        allocations.project,
        allocations.cash_flow_section,
        allocations.direct_line,
        coalesce(allocations.counter_account_code, '') as counter_account_code,
        sum(allocations.amount)::decimal(18, 2) as amount,
        count(*) as allocation_count,
        any_value(periods.last_seq) as last_seq
    from allocations
    inner join periods
        on allocations.period = periods.period
    group by all
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
