-- One row per customer version (facts.customers), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'customers') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        version,
        valid_from,
        customer_code,
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
        salesperson,
        segment,
        receivables_account,
        is_active,
        recorded_at,
        user_name
    from source
)

select * from final
