-- One row per line of a stock issue or return (facts.stock_issue_lines), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'stock_issue_lines') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        posting_date,
        kind,
        warehouse_code,
        item_sku,
        batch,
        quantity,
        value,
        expense_account,
        department,
        cost_center,
        person,
        returns_document_number,
        returns_line_no,
        journal_number,
        memo,
        recorded_at,
        user_name
    from source
)

select * from final
