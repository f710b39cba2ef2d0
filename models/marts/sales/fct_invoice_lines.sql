-- Invoice and credit note lines with their margin: one row per line, revenue (net) and the cost actually
-- posted for it (the shipment's cost for an invoice line, the cost the goods came back at for a credit note;
-- both signed), the gross margin, and the customer, salesperson, segment and item category to analyse by.
with

lines as (
    select * from {{ ref('stg_ledger__customer_invoice_lines') }}
),

orders as (
    select * from {{ ref('stg_ledger__sales_orders') }}
),

customers as (
    select * from {{ ref('dim_customers') }}
    where is_current
),

items as (
    select * from {{ ref('dim_items') }}
    where is_current
),

final as (
    select
        lines.document_number || ':' || cast(lines.line_no as varchar) as invoice_line_id,
        lines.document_number as invoice_number,
        lines.line_no,
        lines.kind,
        lines.posting_date as invoice_date,
        strftime(lines.posting_date, '%Y-%m') as period,
        lines.customer_code,
        customers.customer_name,
        customers.segment,
        coalesce(orders.salesperson, 'unassigned') as salesperson,
        lines.order_number,
        lines.order_line_no,
        lines.shipment_number,
        lines.shipment_line_no,
        lines.credited_invoice_number,
        lines.credited_line_no,
        lines.item_sku,
        coalesce(items.category, 'unknown') as item_category,
        lines.quantity,
        lines.unit_price,
        lines.discount_percent,
        lines.net_amount,
        lines.tax_code,
        lines.tax_amount,
        lines.cost_amount,
        cast(lines.net_amount - lines.cost_amount as decimal(18, 2)) as margin_amount,
        lines.revenue_account,
        lines.seq
    from lines
    left join orders
        on lines.order_number = orders.document_number
    left join customers
        on lines.customer_code = customers.customer_code
    left join items
        on lines.item_sku = items.sku
)

select * from final
