-- The accounts-receivable subledger equals the receivables control account: per customer and receivables
-- account, what the customer owes on its open items (invoices less credit notes and receipts, unallocated
-- cash included) equals the debit balance its customer invoices, credit notes and receipts left on the
-- account (journal lines with the customer as party). Journals keyed by hand onto 1210 are outside.
with

subledger as (
    select
        customer_code,
        receivables_account,
        sum(amount) as open_amount
    from {{ ref('fct_receivable_movements') }}
    group by customer_code, receivables_account
),

ledger as (
    select
        lines.party as customer_code,
        lines.account_code,
        sum(lines.amount) as debit_balance
    -- The line's party is in the facts (fct_journal_lines keeps keys and amounts only).
    from {{ ref('stg_ledger__journal_lines') }} as lines
    inner join {{ ref('stg_ledger__journal_entries') }} as entries
        on lines.document_number = entries.document_number
    where entries.source_document_type in ('customer-invoice', 'credit-note', 'customer-receipt')
        and lines.account_code in (select receivables_account from subledger)
    group by lines.party, lines.account_code
),

final as (
    select
        coalesce(subledger.customer_code, ledger.customer_code) as customer_code,
        coalesce(subledger.open_amount, 0) as open_amount,
        coalesce(ledger.debit_balance, 0) as debit_balance
    from subledger
    full outer join ledger
        on subledger.customer_code = ledger.customer_code
        and subledger.receivables_account = ledger.account_code
    where coalesce(subledger.open_amount, 0) <> coalesce(ledger.debit_balance, 0)
)

select * from final
