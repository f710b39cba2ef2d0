-- One row per version of a warehouse (facts.warehouses), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'warehouses') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        version,
        valid_from,
        warehouse_code,
        warehouse_name,
        address,
        is_active,
        recorded_at,
        user_name
    from source
)

select * from final
