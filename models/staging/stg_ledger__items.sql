-- One row per version of an item (an update appends the next version) (facts.items), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'items') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        version,
        valid_from,
        sku,
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
        recorded_at,
        user_name
    from source
)

select * from final
