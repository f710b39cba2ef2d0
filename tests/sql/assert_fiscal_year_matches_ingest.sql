-- The marts' fiscal calendar agrees with ingest's: every line's fiscal_year equals the fiscal_year ingest
-- stamped on its entry (both derive from meta.settings.fiscal_year_start_month).
-- Scoped to the journals posted since the watermark (one transaction each: all their facts lie above it).
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
