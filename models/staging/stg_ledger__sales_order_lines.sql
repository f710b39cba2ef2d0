-- One row per sales order line (facts.sales_order_lines), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'sales_order_lines') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        posting_date,
        item_sku,
        quantity,
        unit_price,
        discount_percent,
        net_amount,
        tax_code,
        tax_amount,
        promised_date,
        recorded_at,
        user_name
    from source
)

select * from final
