-- Period closes and reopens: one row per event; the latest event of a period is its state.
with

source as (
    select * from {{ source('ledger', 'period_events') }}
),

final as (
    select
        seq,
        period,
        action,
        action = 'close' as is_close,
        document_type,
        document_number,
        posting_date,
        reason,
        recorded_at,
        user_name,
        idempotency_key
    from source
)

select * from final
