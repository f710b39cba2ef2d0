-- The accounts-payable subledger: one row per supplier invoice with what was paid and what is open; aging
-- buckets as of a date are the ap-aging report's.
with

invoices as (
    select * from {{ ref('stg_ledger__supplier_invoices') }}
),

payments as (
    select
        invoice_number,
        sum(amount) as paid_amount,
        max(posting_date) as last_payment_date
    from {{ ref('stg_ledger__supplier_payments') }}
    group by invoice_number
),

suppliers as (
    select * from {{ ref('dim_suppliers') }}
    where is_current
),

final as (
    select
        invoices.document_number as invoice_number,
        invoices.posting_date as invoice_date,
        invoices.supplier_code,
        suppliers.supplier_name,
        suppliers.payables_account,
        invoices.supplier_reference,
        invoices.due_date,
        invoices.net_amount,
        invoices.tax_amount,
        invoices.gross_amount,
        coalesce(payments.paid_amount, 0) as paid_amount,
        invoices.gross_amount - coalesce(payments.paid_amount, 0) as open_amount,
        payments.last_payment_date,
        invoices.journal_number,
        invoices.seq
    from invoices
    left join payments
        on invoices.document_number = payments.invoice_number
    left join suppliers
        on invoices.supplier_code = suppliers.supplier_code
)

select * from final
