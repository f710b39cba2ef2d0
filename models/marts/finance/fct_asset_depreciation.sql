-- Depreciation posted per asset and period, with the asset's accounts and dimensions beside it.
-- Incremental (append): rows are facts of their own (one per asset and period, never changed), so the rows
-- with a seq above this table's highest are new.
{{
    config(
        materialized='incremental',
        incremental_strategy='append'
    )
}}

with

depreciation as (
    select * from {{ ref('stg_ledger__asset_depreciation') }}
    {%- if is_incremental() %}
    where seq > (select coalesce(max(seq), 0) from {{ this }})
    {%- endif %}
),

assets as (
    select * from {{ ref('stg_ledger__assets') }}
),

final as (
    select
        depreciation.seq,
        depreciation.asset_number,
        depreciation.period,
        depreciation.posting_date,
        depreciation.amount,
        depreciation.journal_number,
        assets.category,
        assets.department,
        assets.cost_center,
        assets.depreciation_expense_account,
        assets.accumulated_depreciation_account
    from depreciation
    inner join assets
        on depreciation.asset_number = assets.asset_number
)

select * from final
