-- The marts' fiscal calendar agrees with ingest's: every line's fiscal_year equals the fiscal_year ingest
-- stamped on its entry (both derive from meta.settings.fiscal_year_start_month).
with

journal_lines as (
    select * from {{ ref('fct_journal_lines') }}
),

journal_entries as (
    select * from {{ ref('stg_ledger__journal_entries') }}
),

final as (
    select
        journal_lines.document_number,
        journal_lines.line_no,
        journal_lines.fiscal_year as mart_fiscal_year,
        journal_entries.fiscal_year as ingest_fiscal_year
    from journal_lines
    inner join journal_entries
        on journal_lines.document_number = journal_entries.document_number
    where journal_lines.fiscal_year is distinct from journal_entries.fiscal_year
)

select * from final
