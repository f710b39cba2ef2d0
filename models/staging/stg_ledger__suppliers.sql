-- One row per version of a supplier (facts.suppliers), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'suppliers') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        version,
        valid_from,
        supplier_code,
        supplier_name,
        currency,
        payment_terms_days,
        payables_account,
        price_tolerance_percent,
        receipt_tolerance_percent,
        is_active,
        recorded_at,
        user_name
    from source
)

select * from final
