-- The stock ledger: one row per stock move with the item as it was on the posting date, and the running
-- quantity and value of its item in its warehouse (and of its batch) in posting order.
with

moves as (
    select * from {{ ref('stg_ledger__stock_moves') }}
),

items as (
    select * from {{ ref('dim_items') }}
),

final as (
    select
        moves.document_number || ':' || cast(moves.move_no as varchar) as stock_move_id,
        moves.seq,
        moves.document_type,
        moves.document_number,
        moves.line_no,
        moves.move_no,
        moves.posting_date,
        strftime(moves.posting_date, '%Y-%m') as period,
        moves.move_type,
        moves.item_sku,
        items.item_name,
        items.category as item_category,
        items.unit,
        moves.warehouse_code,
        moves.batch,
        moves.expiry_date,
        moves.quantity,
        moves.unit_cost,
        moves.value,
        moves.inventory_account,
        sum(moves.quantity) over item_in_warehouse as running_quantity,
        sum(moves.value) over item_in_warehouse as running_value,
        sum(moves.quantity) over (
            partition by moves.item_sku, moves.warehouse_code, moves.batch order by moves.seq
        ) as running_batch_quantity,
        moves.user_name
    from moves
    left join items
        on moves.item_sku = items.sku
        and moves.posting_date >= items.valid_from
        and (items.valid_to is null or moves.posting_date <= items.valid_to)
    window item_in_warehouse as (partition by moves.item_sku, moves.warehouse_code order by moves.seq)
)

select * from final
