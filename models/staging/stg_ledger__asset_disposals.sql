-- Disposals: one row per disposed asset (facts.asset_disposals), gain_loss > 0 a gain.
with

source as (
    select * from {{ source('ledger', 'asset_disposals') }}
),

final as (
    select
        seq,
        asset_number,
        posting_date as disposed_on,
        cost,
        accumulated_depreciation,
        proceeds,
        proceeds_account,
        gain_loss,
        document_number as journal_number,
        memo,
        recorded_at,
        user_name
    from source
)

select * from final
