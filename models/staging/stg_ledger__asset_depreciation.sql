-- Depreciation posted by the runs: one row per asset and period (facts.asset_depreciation).
with

source as (
    select * from {{ source('ledger', 'asset_depreciation') }}
),

final as (
    select
        seq,
        asset_number,
        period,
        posting_date,
        amount,
        document_number as journal_number,
        line_no,
        recorded_at,
        user_name
    from source
)

select * from final
