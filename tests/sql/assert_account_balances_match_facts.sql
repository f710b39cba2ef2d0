-- The balance mart equals the facts: per account and period, debits, credits and line counts of
-- fct_account_balances equal those summed straight from facts.journal_lines (guards the incremental merge).
with

balances as (
    select * from {{ ref('fct_account_balances') }}
),

fact_lines as (
    select * from {{ source('ledger', 'journal_lines') }}
),

mart_totals as (
    select
        account_code,
        period,
        sum(debit) as debit,
        sum(credit) as credit,
        sum(line_count) as line_count
    from balances
    group by account_code, period
),

-- Grouped by day first (a DATE key costs the least per line), then by month on the few day rows, named
-- 'YYYY-MM' there: truncating or formatting every line's date would cost more than the rest of the test.
fact_days as (
    select
        account_code,
        posting_date,
        sum(debit) as debit,
        sum(credit) as credit,
        count(*) as line_count
    from fact_lines
    group by account_code, posting_date
),

fact_totals as (
    select
        account_code,
        strftime(posting_date, '%Y-%m') as period,
        sum(debit) as debit,
        sum(credit) as credit,
        sum(line_count) as line_count
    from fact_days
    group by account_code, strftime(posting_date, '%Y-%m')
),

final as (
    select
        coalesce(mart_totals.account_code, fact_totals.account_code) as account_code,
        coalesce(mart_totals.period, fact_totals.period) as period,
        mart_totals.debit as mart_debit,
        fact_totals.debit as fact_debit,
        mart_totals.credit as mart_credit,
        fact_totals.credit as fact_credit,
        mart_totals.line_count as mart_line_count,
        fact_totals.line_count as fact_line_count
    from mart_totals
    full outer join fact_totals
        on mart_totals.account_code = fact_totals.account_code
        and mart_totals.period = fact_totals.period
    where mart_totals.debit is distinct from fact_totals.debit
        or mart_totals.credit is distinct from fact_totals.credit
        or mart_totals.line_count is distinct from fact_totals.line_count
)

select * from final
