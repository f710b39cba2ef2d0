-- One row per matched supplier invoice line (facts.supplier_invoice_lines), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'supplier_invoice_lines') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        posting_date,
        order_number,
        order_line_no,
        item_sku,
        quantity,
        unit_price,
        billed_amount,
        grni_amount,
        variance_amount,
        recorded_at,
        user_name
    from source
)

select * from final
