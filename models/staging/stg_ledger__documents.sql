-- The registry of numbered documents: one row per document of any module.
with

source as (
    select * from {{ source('ledger', 'documents') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        series,
        fiscal_year,
        number_in_series,
        posting_date,
        recorded_at,
        user_name,
        idempotency_key
    from source
)

select * from final
