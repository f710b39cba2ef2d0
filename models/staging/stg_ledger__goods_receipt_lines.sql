-- One row per goods receipt line, with accepted and rejected quantities (facts.goods_receipt_lines), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'goods_receipt_lines') }}
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
        supplier_code,
        item_sku,
        warehouse_code,
        quantity_received,
        quantity_accepted,
        quantity_rejected,
        batch,
        expiry_date,
        unit_price,
        value,
        journal_number,
        recorded_at,
        user_name
    from source
)

select * from final
