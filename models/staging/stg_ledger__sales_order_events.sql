-- One row per status change, credit decision or override of a sales order (facts.sales_order_events), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'sales_order_events') }}
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
        credit_limit,
        credit_exposure,
        recorded_at,
        user_name
    from source
)

select * from final
