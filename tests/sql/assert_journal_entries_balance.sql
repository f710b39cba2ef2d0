-- Every journal entry balances: its lines' debits equal their credits and the header's total_debit.
with

journal_lines as (
    select * from {{ ref('fct_journal_lines') }}
),

journal_entries as (
    select * from {{ ref('stg_ledger__journal_entries') }}
),

per_entry as (
    select
        document_number,
        sum(debit) as debit,
        sum(credit) as credit
    from journal_lines
    group by document_number
),

final as (
    select
        journal_entries.document_number,
        journal_entries.total_debit,
        per_entry.debit,
        per_entry.credit
    from journal_entries
    left join per_entry
        on journal_entries.document_number = per_entry.document_number
    where per_entry.debit is distinct from per_entry.credit
        or per_entry.debit is distinct from journal_entries.total_debit
)

select * from final
