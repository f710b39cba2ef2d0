-- The trial balance over all time sums to zero: total debits equal total credits in the balance mart.
with

balances as (
    select * from {{ ref('fct_account_balances') }}
),

final as (
    select
        sum(debit) as debit,
        sum(credit) as credit,
        sum(net_movement) as net_movement
    from balances
    having sum(net_movement) <> 0 or sum(debit) <> sum(credit)
)

select * from final
