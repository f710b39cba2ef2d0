-- Year-end closing journals only move results: every closing line is on an income-statement account or on
-- the retained-earnings line, and each closing journal balances within every department x cost centre x
-- project combination (so a dimension-filtered balance sheet needs no clearing line for it).
with

closing_lines as (
    select * from {{ ref('fct_journal_lines') }}
    where is_closing_entry
),

misplaced as (
    select
        document_number,
        account_code,
        'not a result or retained-earnings account' as problem
    from closing_lines
    where statement <> 'income_statement'
        and statement_line <> 'retained_earnings'
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
