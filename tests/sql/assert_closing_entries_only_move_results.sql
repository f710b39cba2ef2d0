-- Year-end closing journals only move results: every closing line is on an income-statement account or on
-- the retained-earnings line, and each closing journal balances within every department x cost centre x
-- project combination (so a dimension-filtered balance sheet needs no clearing line for it).
-- Scoped to the journals posted since the watermark (one transaction each: all their lines lie above it).
{#- tests_since_seq: set by the embedded runner in an incremental build to the fact watermark of the last build
    whose every test passed; empty (dbt's default) checks everything. See transform/test-scope.ts. -#}
{%- set since_seq = var('tests_since_seq', '') %}
with

closing_lines as (
    select * from {{ ref('fct_journal_lines') }}
    where is_closing_entry
    {%- if since_seq %}
        and seq > {{ since_seq | int }}
    {%- endif %}
),

accounts as (
    select * from {{ ref('dim_accounts') }}
),

misplaced as (
    select
        closing_lines.document_number,
        closing_lines.account_code,
        'not a result or retained-earnings account' as problem
    from closing_lines
    inner join accounts
        on closing_lines.account_code = accounts.code
    where accounts.statement <> 'income_statement'
        and accounts.statement_line <> 'retained_earnings'
),

unbalanced as (
    select
        document_number,
        coalesce(department, '') || '|' || coalesce(cost_center, '') || '|' || coalesce(project, '') as account_code,
        'does not balance within these dimensions' as problem
    from closing_lines
    group by document_number, department, cost_center, project
    having sum(amount) <> 0
),

final as (
    select * from misplaced
    union all
    select * from unbalanced
)

select * from final
