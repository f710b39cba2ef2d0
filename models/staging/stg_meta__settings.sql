-- Company settings the marts may use: one row per key. Only listed keys pass, because meta.settings
-- also holds the session secret, which must never reach a readable schema.
with

source as (
    select * from {{ source('meta', 'settings') }}
),

final as (
    select
        key as setting_key,
        value as setting_value
    from source
    where key in ('company_name', 'currency', 'fiscal_year_start_month')
)

select * from final
