-- Stock never goes negative: no item, warehouse and batch holds less than nothing after any move (ingest
-- refuses such an issue with insufficient_stock; this checks the facts agree). A company that allows
-- negative stock (`init --allow-negative-stock`) is exempt.
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
    where (running_quantity < 0 or running_batch_quantity < 0)
        and not (select allow_negative_stock from {{ ref('int_settings_pivoted') }})
)

select * from final
