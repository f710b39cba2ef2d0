-- One row per sales order (its header and totals) (facts.sales_orders), as written by ingest/.
with

source as (
    select * from {{ source('ledger', 'sales_orders') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        posting_date,
        customer_code,
        warehouse_code,
        salesperson,
        currency,
        net_amount,
        tax_amount,
        gross_amount,
        customer_reference,
        memo,
        recorded_at,
        user_name
    from source
)

select * from final
