-- Purchase order lines with their progress: one row per order line with the order's supplier, warehouse
-- and current status, what was received, accepted, rejected and invoiced, what is open, and whether the
-- goods came by the expected date (the supplier's on-time delivery).
with

orders as (
    select * from {{ ref('stg_ledger__purchase_orders') }}
),

lines as (
    select * from {{ ref('stg_ledger__purchase_order_lines') }}
),

statuses as (
    select
        document_number,
        arg_max(status, seq) as status
    from {{ ref('stg_ledger__purchase_order_events') }}
    group by document_number
),

receipts as (
    select
        order_number,
        order_line_no,
        sum(quantity_received) as quantity_received,
        sum(quantity_accepted) as quantity_accepted,
        sum(quantity_rejected) as quantity_rejected,
        min(posting_date) as first_receipt_date,
        max(posting_date) as last_receipt_date
    from {{ ref('stg_ledger__goods_receipt_lines') }}
    group by order_number, order_line_no
),

invoices as (
    select
        order_number,
        order_line_no,
        sum(quantity) as quantity_invoiced,
        sum(billed_amount) as billed_amount,
        sum(variance_amount) as price_variance
    from {{ ref('stg_ledger__supplier_invoice_lines') }}
    group by order_number, order_line_no
),

final as (
    select
        lines.document_number || ':' || cast(lines.line_no as varchar) as order_line_id,
        lines.document_number as order_number,
        lines.line_no,
        orders.posting_date as order_date,
        orders.supplier_code,
        orders.warehouse_code,
        statuses.status,
        lines.item_sku,
        lines.quantity as quantity_ordered,
        lines.unit_price,
        lines.line_amount,
        lines.expected_date,
        coalesce(receipts.quantity_received, 0) as quantity_received,
        coalesce(receipts.quantity_accepted, 0) as quantity_accepted,
        coalesce(receipts.quantity_rejected, 0) as quantity_rejected,
        coalesce(invoices.quantity_invoiced, 0) as quantity_invoiced,
        greatest(lines.quantity - coalesce(receipts.quantity_accepted, 0), 0) as quantity_open,
        coalesce(invoices.billed_amount, 0) as billed_amount,
        coalesce(invoices.price_variance, 0) as price_variance,
        receipts.first_receipt_date,
        receipts.last_receipt_date,
        case
            when coalesce(receipts.quantity_accepted, 0) < lines.quantity then null
            else receipts.last_receipt_date <= lines.expected_date
        end as is_delivered_on_time
    from lines
    inner join orders
        on lines.document_number = orders.document_number
    left join statuses
        on lines.document_number = statuses.document_number
    left join receipts
        on lines.document_number = receipts.order_number and lines.line_no = receipts.order_line_no
    left join invoices
        on lines.document_number = invoices.order_number and lines.line_no = invoices.order_line_no
)

select * from final
