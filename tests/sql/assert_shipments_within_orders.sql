-- No order line is shipped beyond what was ordered, and no credit note gives back more than its invoice
-- line billed: the refusals `exceeds_open_quantity` and `exceeds_creditable_quantity`, checked once more
-- after the transform.
with

over_shipped as (
    select order_line_id as line_id, quantity_ordered as allowed, quantity_shipped as taken
    from {{ ref('fct_sales_order_lines') }}
    where quantity_shipped > quantity_ordered
),

over_credited as (
    select
        invoices.invoice_line_id as line_id,
        invoices.quantity as allowed,
        -sum(credits.quantity) as taken
    from {{ ref('fct_invoice_lines') }} as invoices
    inner join {{ ref('fct_invoice_lines') }} as credits
        on credits.credited_invoice_number = invoices.invoice_number
        and credits.credited_line_no = invoices.line_no
    where invoices.kind = 'invoice'
    group by invoices.invoice_line_id, invoices.quantity
    having -sum(credits.quantity) > invoices.quantity
),

final as (
    select * from over_shipped
    union all
    select * from over_credited
)

select * from final
