-- The company settings as one row with typed columns.
-- fiscal_year_start_month: meta.settings wins, since ingest stamps facts' fiscal_year from it; the dbt var
-- of the same name is only the fallback for a database that lacks the setting.
with

settings as (
    select * from {{ ref('stg_meta__settings') }}
),

final as (
    select
        max(case when setting_key = 'company_name' then setting_value end) as company_name,
        max(case when setting_key = 'currency' then setting_value end) as currency,
        coalesce(
            max(case when setting_key = 'fiscal_year_start_month' then cast(setting_value as integer) end),
            {{ var('fiscal_year_start_month', 1) }}
        ) as fiscal_year_start_month,
        -- Off unless `init --allow-negative-stock` set it: then issues beyond stock were booked.
        coalesce(max(case when setting_key = 'allow_negative_stock' then setting_value = 'true' end), false)
            as allow_negative_stock
    from settings
)

select * from final
