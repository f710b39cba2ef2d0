-- One row per counted line of a stock count, with book quantity and variance (facts.stock_count_lines), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'stock_count_lines') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        posting_date,
        warehouse_code,
        item_sku,
        batch,
        book_quantity,
        counted_quantity,
        variance_quantity,
        variance_value,
        journal_number,
        recorded_at,
        user_name
    from source
)

select * from final
