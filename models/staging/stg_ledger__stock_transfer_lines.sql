-- One row per line of a stock transfer (facts.stock_transfer_lines), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'stock_transfer_lines') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        posting_date,
        from_warehouse,
        to_warehouse,
        item_sku,
        batch,
        quantity,
        value,
        memo,
        recorded_at,
        user_name
    from source
)

select * from final
