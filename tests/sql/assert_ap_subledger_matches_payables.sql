-- The accounts-payable subledger equals the payables control account: per supplier, what is open on its
-- invoices equals the credit balance its invoices and payments left on its payables account (journal
-- lines with the supplier as party, from supplier invoices and payments).
with

subledger as (
    select
        supplier_code,
        payables_account,
        sum(open_amount) as open_amount
    from {{ ref('fct_supplier_invoices') }}
    group by supplier_code, payables_account
),

ledger as (
    select
        party as supplier_code,
        account_code,
        -sum(amount) as credit_balance
    from {{ ref('fct_journal_lines') }}
    where source_document_type in ('supplier-invoice', 'supplier-payment')
    group by party, account_code
),

final as (
    select
        subledger.supplier_code,
        subledger.open_amount,
        coalesce(ledger.credit_balance, 0) as credit_balance
    from subledger
    left join ledger
        on subledger.supplier_code = ledger.supplier_code
        and subledger.payables_account = ledger.account_code
    where subledger.open_amount <> coalesce(ledger.credit_balance, 0)
)

select * from final
