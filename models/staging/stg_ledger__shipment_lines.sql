-- One row per shipped order line, with the cost at which the stock left (facts.shipment_lines), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'shipment_lines') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        posting_date,
        order_number,
        order_line_no,
        customer_code,
        item_sku,
        warehouse_code,
        quantity,
        cost_amount,
        cogs_account,
        journal_number,
        recorded_at,
        user_name
    from source
)

select * from final
