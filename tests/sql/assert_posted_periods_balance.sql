-- Every period with postings balances on its own, since each journal is balanced and dated in one period.
with

balances as (
    select * from {{ ref('fct_account_balances') }}
),

final as (
    select
        period,
        sum(debit) as debit,
        sum(credit) as credit,
        sum(net_movement) as net_movement
    from balances
    group by period
    having sum(net_movement) <> 0 or sum(debit) <> sum(credit)
)

select * from final
