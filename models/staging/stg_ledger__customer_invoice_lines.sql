-- One row per invoiced shipment line or credited invoice line, with its cost (facts.customer_invoice_lines), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'customer_invoice_lines') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        posting_date,
        kind,
        customer_code,
        order_number,
        order_line_no,
        shipment_number,
        shipment_line_no,
        credited_invoice_number,
        credited_line_no,
        item_sku,
        quantity,
        unit_price,
        discount_percent,
        net_amount,
        tax_code,
        tax_amount,
        cost_amount,
        revenue_account,
        recorded_at,
        user_name
    from source
)

select * from final
