-- One row per supplier invoice (its header and totals) (facts.supplier_invoices), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'supplier_invoices') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        posting_date,
        supplier_code,
        supplier_reference,
        due_date,
        net_amount,
        tax_amount,
        gross_amount,
        journal_number,
        recorded_at,
        user_name
    from source
)

select * from final
