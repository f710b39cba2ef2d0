-- One row per purchase order (its header) (facts.purchase_orders), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'purchase_orders') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        posting_date,
        supplier_code,
        warehouse_code,
        currency,
        net_amount,
        required_approvals,
        memo,
        recorded_at,
        user_name
    from source
)

select * from final
