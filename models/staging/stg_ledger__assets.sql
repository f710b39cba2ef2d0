-- Registered fixed assets: one row per asset (facts.assets), as registered; book values are derived downstream.
with

source as (
    select * from {{ source('ledger', 'assets') }}
),

final as (
    select
        seq,
        document_number as asset_number,
        posting_date as registered_on,
        asset_name,
        category,
        cost,
        salvage_value,
        useful_life_years,
        start_date,
        method,
        rate,
        asset_account,
        accumulated_depreciation_account,
        depreciation_expense_account,
        department,
        cost_center,
        acquisition_journal_number,
        recorded_at,
        user_name
    from source
)

select * from final
