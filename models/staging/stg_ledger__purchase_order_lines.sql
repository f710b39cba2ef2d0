-- One row per purchase order line (facts.purchase_order_lines), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'purchase_order_lines') }}
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
        line_amount,
        expected_date,
        recorded_at,
        user_name
    from source
)

select * from final
