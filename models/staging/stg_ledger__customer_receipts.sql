-- One row per invoice a customer receipt settles, and one for cash left unallocated (facts.customer_receipts), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'customer_receipts') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        posting_date,
        customer_code,
        invoice_number,
        amount,
        bank_account,
        receivables_account,
        journal_number,
        recorded_at,
        user_name
    from source
)

select * from final
