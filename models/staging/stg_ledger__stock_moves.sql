-- One row per change of stock (receipt, issue, return, transfer out/in, count adjustment), quantity and value signed (facts.stock_moves), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'stock_moves') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        move_no,
        posting_date,
        move_type,
        item_sku,
        warehouse_code,
        batch,
        expiry_date,
        quantity,
        unit_cost,
        value,
        inventory_account,
        recorded_at,
        user_name
    from source
)

select * from final
