-- Shipments: one row per shipped order line, with the cost at which the stock left, the line's promised date
-- and whether this shipment came by it.
with

shipments as (
    select * from {{ ref('stg_ledger__shipment_lines') }}
),

order_lines as (
    select * from {{ ref('stg_ledger__sales_order_lines') }}
),

final as (
    select
        shipments.document_number || ':' || cast(shipments.line_no as varchar) as shipment_line_id,
        shipments.document_number as shipment_number,
        shipments.line_no,
        shipments.posting_date as shipment_date,
        shipments.order_number,
        shipments.order_line_no,
        shipments.order_number || ':' || cast(shipments.order_line_no as varchar) as order_line_id,
        shipments.customer_code,
        shipments.item_sku,
        shipments.warehouse_code,
        shipments.quantity,
        shipments.cost_amount,
        shipments.cogs_account,
        order_lines.promised_date,
        shipments.posting_date <= order_lines.promised_date as is_on_time,
        shipments.journal_number,
        shipments.seq
    from shipments
    inner join order_lines
        on shipments.order_number = order_lines.document_number
        and shipments.order_line_no = order_lines.line_no
)

select * from final
