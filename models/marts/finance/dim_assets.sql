-- The fixed assets with what they are and how they ended: one row per registered asset, its disposal (if
-- any) beside it. Depreciation lives in fct_asset_depreciation; book values as of a date are the register
-- report's sum of the two.
with

assets as (
    select * from {{ ref('stg_ledger__assets') }}
),

disposals as (
    select * from {{ ref('stg_ledger__asset_disposals') }}
),

final as (
    select
        assets.asset_number,
        assets.asset_name,
        assets.category,
        assets.method,
        assets.rate,
        assets.cost,
        assets.salvage_value,
        assets.useful_life_years,
        assets.start_date,
        -- The month after the last one of the useful life: from then on nothing is owed.
        cast(date_trunc('month', assets.start_date) + to_months(12 * assets.useful_life_years) as date)
            as fully_depreciated_from,
        assets.registered_on,
        assets.asset_account,
        assets.accumulated_depreciation_account,
        assets.depreciation_expense_account,
        assets.department,
        assets.cost_center,
        assets.acquisition_journal_number,
        disposals.disposed_on,
        disposals.proceeds as disposal_proceeds,
        disposals.gain_loss as disposal_gain_loss,
        disposals.journal_number as disposal_journal_number,
        assets.seq
    from assets
    left join disposals
        on assets.asset_number = disposals.asset_number
)

select * from final
