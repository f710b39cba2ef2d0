-- Invoiced cost equals shipped cost: every shipment line is billed at most once, and the cost an invoice
-- line carries (what its margin is computed from) is exactly the cost its shipment posted to cost of goods
-- sold; a shipment line billed twice, or billed at another cost, is a row here.
with

shipments as (
    select * from {{ ref('fct_shipments') }}
),

invoiced as (
    select
        shipment_number,
        shipment_line_no,
        count(*) as times_invoiced,
        sum(cost_amount) as invoiced_cost
    from {{ ref('fct_invoice_lines') }}
    where kind = 'invoice'
    group by shipment_number, shipment_line_no
),

final as (
    select
        invoiced.shipment_number,
        invoiced.shipment_line_no,
        invoiced.times_invoiced,
        invoiced.invoiced_cost,
        shipments.cost_amount as shipped_cost
    from invoiced
    left join shipments
        on invoiced.shipment_number = shipments.shipment_number
        and invoiced.shipment_line_no = shipments.line_no
    where invoiced.times_invoiced > 1
        or shipments.cost_amount is null
        or invoiced.invoiced_cost <> shipments.cost_amount
)

select * from final
