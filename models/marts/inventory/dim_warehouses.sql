-- Warehouses, current and historical: one row per version with its valid_from / valid_to.
with

warehouses as (
    select * from {{ ref('stg_ledger__warehouses') }}
),

final as (
    select
        warehouse_code || ':' || cast(version as varchar) as warehouse_version_id,
        warehouse_code,
        version,
        valid_from,
        cast(lead(valid_from) over (partition by warehouse_code order by version) - interval 1 day as date)
            as valid_to,
        lead(valid_from) over (partition by warehouse_code order by version) is null as is_current,
        warehouse_name,
        address,
        is_active,
        seq
    from warehouses
)

select * from final
