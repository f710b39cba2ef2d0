-- Supplier payments: one row per invoice a payment settles (partly or fully), with the amount and bank.
with

payments as (
    select * from {{ ref('stg_ledger__supplier_payments') }}
),

final as (
    select
        document_number || ':' || cast(line_no as varchar) as payment_line_id,
        document_number as payment_number,
        line_no,
        posting_date as payment_date,
        supplier_code,
        invoice_number,
        amount,
        bank_account,
        journal_number,
        seq
    from payments
)

select * from final
