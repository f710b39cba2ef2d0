-- Process steps as recorded: one row per event of a case (process mining log).
with

source as (
    select * from {{ source('ledger', 'process_events') }}
),

final as (
    select
        seq,
        process,
        case_id,
        activity,
        event_at,
        actor,
        document_type,
        document_number,
        posting_date,
        recorded_at,
        user_name,
        idempotency_key
    from source
)

select * from final
