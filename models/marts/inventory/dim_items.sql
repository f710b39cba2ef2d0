-- Items, current and historical: one row per version with the day it stopped being valid (the day before the
-- next version starts; null for the current one), so a move can be read with the item as it was then.
with

items as (
    select * from {{ ref('stg_ledger__items') }}
),

final as (
    select
        sku || ':' || cast(version as varchar) as item_version_id,
        sku,
        version,
        valid_from,
        cast(lead(valid_from) over (partition by sku order by version) - interval 1 day as date) as valid_to,
        lead(valid_from) over (partition by sku order by version) is null as is_current,
        item_name,
        unit,
        category,
        valuation_method,
        is_batch_tracked,
        reorder_point,
        reorder_quantity,
        lead_time_days,
        purchase_price,
        default_supplier,
        inventory_account,
        expense_account,
        is_active,
        seq
    from items
)

select * from final
