-- Stock on hand now: one row per item, warehouse and batch that holds a quantity or a value, with the
-- earliest expiry and the last movement; the as-of-a-date balance is the stock-balance report's sum of moves.
with

moves as (
    select * from {{ ref('fct_stock_moves') }}
),

final as (
    select
        item_sku || ':' || warehouse_code || ':' || coalesce(batch, '') as stock_balance_id,
        item_sku,
        any_value(item_category) as item_category,
        warehouse_code,
        batch,
        min(expiry_date) as expiry_date,
        any_value(inventory_account) as inventory_account,
        sum(quantity) as quantity,
        sum(value) as value,
        max(posting_date) as last_move_date
    from moves
    group by item_sku, warehouse_code, batch
    having sum(quantity) <> 0 or sum(value) <> 0
)

select * from final
