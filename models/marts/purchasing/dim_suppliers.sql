-- Suppliers, current and historical: one row per version with its valid_from / valid_to.
with

suppliers as (
    select * from {{ ref('stg_ledger__suppliers') }}
),

final as (
    select
        supplier_code || ':' || cast(version as varchar) as supplier_version_id,
        supplier_code,
        version,
        valid_from,
        cast(lead(valid_from) over (partition by supplier_code order by version) - interval 1 day as date)
            as valid_to,
        lead(valid_from) over (partition by supplier_code order by version) is null as is_current,
        supplier_name,
        currency,
        payment_terms_days,
        payables_account,
        price_tolerance_percent,
        receipt_tolerance_percent,
        is_active,
        seq
    from suppliers
)

select * from final
