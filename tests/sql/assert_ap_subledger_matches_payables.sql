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
        lines.party as supplier_code,
        lines.account_code,
        -sum(lines.amount) as credit_balance
    -- The line's party is in the facts (fct_journal_lines keeps keys and amounts only).
    from {{ ref('stg_ledger__journal_lines') }} as lines
    inner join {{ ref('stg_ledger__journal_entries') }} as entries
        on lines.document_number = entries.document_number
    where entries.source_document_type in ('supplier-invoice', 'supplier-payment')
    group by lines.party, lines.account_code
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
