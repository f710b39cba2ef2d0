-- One row per invoice a supplier payment settles (partly or fully) (facts.supplier_payments), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'supplier_payments') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        posting_date,
        supplier_code,
        invoice_number,
        amount,
        bank_account,
        journal_number,
        recorded_at,
        user_name
    from source
)

select * from final
