-- One row per status change or approval of a purchase order (facts.purchase_order_events), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'purchase_order_events') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        event,
        status,
        role,
        posting_date,
        reason,
        caused_by_document,
        recorded_at,
        user_name
    from source
)

select * from final
