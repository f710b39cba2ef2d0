-- The allocation of cash to counter lines loses and invents no cent: per document and dimension combination,
-- the allocated amounts add up to the net movement of the document's cash lines.
-- Scoped to the documents posted since the watermark: a document's lines are all above it or all below, and
-- its allocation rows carry the highest seq of its cash lines (last_seq).
{#- tests_since_seq: set by the embedded runner in an incremental build to the fact watermark of the last build
    whose every test passed; empty (dbt's default) checks everything. See transform/test-scope.ts. -#}
{%- set since_seq = var('tests_since_seq', '') %}
with

allocations as (
    select * from {{ ref('rpt_cash_flow_allocations') }}
    {%- if since_seq %}
    where last_seq > {{ since_seq | int }}
    {%- endif %}
),

cash_accounts as (
    select code from {{ ref('dim_accounts') }}
    where cash_flow_category = 'cash'
),

journal_lines as (
    select * from {{ ref('fct_journal_lines') }}
    where account_code in (select code from cash_accounts)
    {%- if since_seq %}
        and seq > {{ since_seq | int }}
    {%- endif %}
),

allocated as (
    select
        document_number,
        department,
        cost_center,
        project,
        sum(amount) as amount
    from allocations
    group by document_number, department, cost_center, project
),

cash_moved as (
    select
        document_number,
        coalesce(department, '') as department,
        coalesce(cost_center, '') as cost_center,
        coalesce(project, '') as project,
        sum(amount) as amount
    from journal_lines
    group by document_number, coalesce(department, ''), coalesce(cost_center, ''), coalesce(project, '')
    having sum(amount) <> 0
),

final as (
    select
        coalesce(allocated.document_number, cash_moved.document_number) as document_number,
        allocated.amount as allocated_amount,
        cash_moved.amount as cash_amount
    from allocated
    full outer join cash_moved
        on allocated.document_number = cash_moved.document_number
        and allocated.department = cash_moved.department
        and allocated.cost_center = cash_moved.cost_center
        and allocated.project = cash_moved.project
    where allocated.amount is distinct from cash_moved.amount
)

select * from final
