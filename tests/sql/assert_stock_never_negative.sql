-- Stock never goes negative: no item, warehouse and batch holds less than nothing after any move (ingest
-- refuses such an issue with insufficient_stock; this checks the facts agree).
with

moves as (
    select * from {{ ref('fct_stock_moves') }}
),

final as (
    select
        stock_move_id,
        item_sku,
        warehouse_code,
        batch,
        running_quantity,
        running_batch_quantity
    from moves
    where running_quantity < 0 or running_batch_quantity < 0
)

select * from final
