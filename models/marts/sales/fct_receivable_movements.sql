-- The accounts-receivable subledger as movements: one row per change of an open item. An invoice opens an
-- item (+gross, due on its due date); a credit note and a receipt allocated to an invoice reduce it; cash a
-- receipt leaves unallocated is its own item (−amount, due at once). Open amounts and aging as of any date
-- are sums over movement_date <= that date (the ar-aging and customer-ledger reports).
with

invoices as (
    select * from {{ ref('stg_ledger__customer_invoices') }}
),

receipts as (
    select * from {{ ref('stg_ledger__customer_receipts') }}
),

invoice_items as (
    select
        document_number as item_number,
        'invoice' as item_type,
        document_number,
        document_type,
        customer_code,
        receivables_account,
        posting_date as item_date,
        due_date,
        posting_date as movement_date,
        gross_amount as amount,
        seq
    from invoices
    where kind = 'invoice'
),

credits as (
    select
        credit_notes.credited_invoice_number as item_number,
        'invoice' as item_type,
        credit_notes.document_number,
        credit_notes.document_type,
        credit_notes.customer_code,
        credit_notes.receivables_account,
        credited.posting_date as item_date,
        credited.due_date,
        credit_notes.posting_date as movement_date,
        credit_notes.gross_amount as amount,
        credit_notes.seq
    from invoices as credit_notes
    inner join invoices as credited
        on credit_notes.credited_invoice_number = credited.document_number
    where credit_notes.kind = 'credit_note'
),

allocated as (
    select
        receipts.invoice_number as item_number,
        'invoice' as item_type,
        receipts.document_number,
        receipts.document_type,
        receipts.customer_code,
        receipts.receivables_account,
        invoices.posting_date as item_date,
        invoices.due_date,
        receipts.posting_date as movement_date,
        -receipts.amount as amount,
        receipts.seq
    from receipts
    inner join invoices
        on receipts.invoice_number = invoices.document_number
),

unallocated as (
    select
        document_number as item_number,
        'unallocated_cash' as item_type,
        document_number,
        document_type,
        customer_code,
        receivables_account,
        posting_date as item_date,
        posting_date as due_date,
        posting_date as movement_date,
        -amount as amount,
        seq
    from receipts
    where invoice_number is null
),

movements as (
    select * from invoice_items
    union all
    select * from credits
    union all
    select * from allocated
    union all
    select * from unallocated
),

final as (
    select
        -- Every movement comes from one fact row, whose seq is unique across the facts.
        seq as movement_id,
        item_number,
        item_type,
        document_number,
        document_type,
        customer_code,
        receivables_account,
        item_date,
        due_date,
        movement_date,
        cast(amount as decimal(18, 2)) as amount,
        seq
    from movements
)

select * from final
