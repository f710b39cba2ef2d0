-- The monthly cash-flow mart equals the allocations it sums: per period, section, line and counter account,
-- the amounts and allocation counts agree (guards the incremental delta merge).
-- Scoped to the periods holding allocations newer than the watermark: the others were checked before.
{#- tests_since_seq: see transform/test-scope.ts; empty (dbt's default) checks every period. -#}
{%- set since_seq = var('tests_since_seq', '') %}
with

{%- if since_seq %}

touched_periods as (
    select distinct period
    from {{ ref('rpt_cash_flow_allocations') }}
    where last_seq > {{ since_seq | int }}
),

{%- endif %}

balances as (
    select
        period,
        cash_flow_section,
        direct_line,
        coalesce(counter_account_code, '') as counter_account_code,
        sum(amount) as amount,
        sum(allocation_count) as allocation_count
    from {{ ref('fct_cash_flow_balances') }}
    {%- if since_seq %}
    where period in (select period from touched_periods)
    {%- endif %}
    group by all
),

allocations as (
    select
        period,
        cash_flow_section,
        direct_line,
        coalesce(counter_account_code, '') as counter_account_code,
        sum(amount) as amount,
        count(*) as allocation_count
    from {{ ref('rpt_cash_flow_allocations') }}
    {%- if since_seq %}
    where period in (select period from touched_periods)
    {%- endif %}
    group by all
)

select
    coalesce(balances.period, allocations.period) as period,
    coalesce(balances.cash_flow_section, allocations.cash_flow_section) as cash_flow_section,
    coalesce(balances.direct_line, allocations.direct_line) as direct_line,
    coalesce(balances.counter_account_code, allocations.counter_account_code) as counter_account_code,
    balances.amount as mart_amount,
    allocations.amount as allocated_amount
from balances
full outer join allocations
    on balances.period = allocations.period
    and balances.cash_flow_section = allocations.cash_flow_section
    and balances.direct_line = allocations.direct_line
    and balances.counter_account_code = allocations.counter_account_code
where balances.amount is distinct from allocations.amount
    or balances.allocation_count is distinct from allocations.allocation_count
