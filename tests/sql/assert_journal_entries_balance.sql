-- Every journal entry balances: its lines' debits equal their credits and the header's total_debit.
-- Scoped to the journals posted since the watermark: a journal's facts are written in one transaction, so
-- its header and lines are all above it or all below.
{#- tests_since_seq: set by the embedded runner in an incremental build to the fact watermark of the last build
    whose every test passed; empty (dbt's default) checks everything. See transform/test-scope.ts. -#}
{%- set since_seq = var('tests_since_seq', '') %}
with

journal_lines as (
    select * from {{ ref('fct_journal_lines') }}
    {%- if since_seq %}
    where seq > {{ since_seq | int }}
    {%- endif %}
),

journal_entries as (
    select * from {{ ref('stg_ledger__journal_entries') }}
    {%- if since_seq %}
    where seq > {{ since_seq | int }}
    {%- endif %}
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
