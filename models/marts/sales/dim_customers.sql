-- Customers, current and historical: one row per version with its valid_from / valid_to.
with

customers as (
    select * from {{ ref('stg_ledger__customers') }}
),

final as (
    select
        customer_code || ':' || cast(version as varchar) as customer_version_id,
        customer_code,
        version,
        valid_from,
        cast(lead(valid_from) over (partition by customer_code order by version) - interval 1 day as date)
            as valid_to,
        lead(valid_from) over (partition by customer_code order by version) is null as is_current,
        customer_name,
        contact_name,
        email,
        phone,
        billing_address,
        shipping_address,
        currency,
        payment_terms_days,
        credit_rating,
        credit_limit,
        coalesce(salesperson, 'unassigned') as salesperson,
        segment,
        receivables_account,
        is_active,
        seq
    from customers
)

select * from final
