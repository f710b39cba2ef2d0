-- Sales order lines with their progress: one row per order line with the order's customer, salesperson and
-- current status, what was shipped and invoiced, what is still open (quantity and net amount: the backlog),
-- and whether the line was delivered in full by its promised date.
with

orders as (
    select * from {{ ref('stg_ledger__sales_orders') }}
),

lines as (
    select * from {{ ref('stg_ledger__sales_order_lines') }}
),

statuses as (
    select
        document_number,
        arg_max(status, seq) as status,
        min(posting_date) filter (where event = 'confirmed') as confirmed_date,
        bool_or(event = 'credit_override') as has_credit_override
    from {{ ref('stg_ledger__sales_order_events') }}
    group by document_number
),

shipped as (
    select
        order_number,
        order_line_no,
        sum(quantity) as quantity_shipped,
        sum(cost_amount) as cost_shipped,
        min(posting_date) as first_shipment_date,
        max(posting_date) as last_shipment_date
    from {{ ref('stg_ledger__shipment_lines') }}
    group by order_number, order_line_no
),

invoiced as (
    select
        order_number,
        order_line_no,
        sum(quantity) filter (where kind = 'invoice') as quantity_invoiced,
        sum(net_amount) filter (where kind = 'invoice') as net_invoiced
    from {{ ref('stg_ledger__customer_invoice_lines') }}
    group by order_number, order_line_no
),

items as (
    select * from {{ ref('dim_items') }}
    where is_current
),

final as (
    select
        lines.document_number || ':' || cast(lines.line_no as varchar) as order_line_id,
        lines.document_number as order_number,
        lines.line_no,
        orders.posting_date as order_date,
        statuses.confirmed_date,
        orders.customer_code,
        coalesce(orders.salesperson, 'unassigned') as salesperson,
        orders.warehouse_code,
        statuses.status,
        statuses.has_credit_override,
        lines.item_sku,
        items.category as item_category,
        lines.quantity as quantity_ordered,
        lines.unit_price,
        lines.discount_percent,
        lines.net_amount,
        lines.tax_code,
        lines.tax_amount,
        lines.promised_date,
        coalesce(shipped.quantity_shipped, 0) as quantity_shipped,
        coalesce(invoiced.quantity_invoiced, 0) as quantity_invoiced,
        greatest(lines.quantity - coalesce(shipped.quantity_shipped, 0), 0) as quantity_open,
        -- What the open quantity will bill, net: the backlog.
        case
            when statuses.status in ('confirmed', 'partly_delivered')
                then cast(
                    lines.net_amount * greatest(lines.quantity - coalesce(shipped.quantity_shipped, 0), 0)
                    / lines.quantity as decimal(18, 2)
                )
            else cast(0 as decimal(18, 2))
        end as net_open,
        coalesce(invoiced.net_invoiced, 0) as net_invoiced,
        coalesce(shipped.cost_shipped, 0) as cost_shipped,
        shipped.first_shipment_date,
        shipped.last_shipment_date,
        case
            when coalesce(shipped.quantity_shipped, 0) < lines.quantity then null
            else shipped.last_shipment_date <= lines.promised_date
        end as is_delivered_on_time
    from lines
    inner join orders
        on lines.document_number = orders.document_number
    left join statuses
        on lines.document_number = statuses.document_number
    left join shipped
        on lines.document_number = shipped.order_number and lines.line_no = shipped.order_line_no
    left join invoiced
        on lines.document_number = invoiced.order_number and lines.line_no = invoiced.order_line_no
    left join items
        on lines.item_sku = items.sku
)

select * from final
