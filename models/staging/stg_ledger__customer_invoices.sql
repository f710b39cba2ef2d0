-- One row per customer invoice or credit note (credit notes signed negative) (facts.customer_invoices), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'customer_invoices') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        posting_date,
        kind,
        customer_code,
        order_number,
        credited_invoice_number,
        due_date,
        net_amount,
        tax_amount,
        gross_amount,
        receivables_account,
        reason,
        journal_number,
        recorded_at,
        user_name
    from source
)

select * from final
