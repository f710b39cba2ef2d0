-- No mart line without its fact and no fact without its mart line: per journal, the lines in
-- fct_journal_lines equal the line_count the entry recorded and the lines in facts.journal_lines.
-- Scoped to the journals posted since the watermark (one transaction each: all their facts lie above it).
{#- tests_since_seq: set by the embedded runner in an incremental build to the fact watermark of the last build
    whose every test passed; empty (dbt's default) checks everything. See transform/test-scope.ts. -#}
{%- set since_seq = var('tests_since_seq', '') %}
with

mart_lines as (
    select * from {{ ref('fct_journal_lines') }}
    {%- if since_seq %}
    where seq > {{ since_seq | int }}
    {%- endif %}
),

fact_lines as (
    select * from {{ source('ledger', 'journal_lines') }}
    {%- if since_seq %}
    where seq > {{ since_seq | int }}
    {%- endif %}
),

journal_entries as (
    select * from {{ source('ledger', 'journal_entries') }}
    {%- if since_seq %}
    where seq > {{ since_seq | int }}
    {%- endif %}
),

mart_counts as (
    select
        document_number,
        count(*) as mart_line_count
    from mart_lines
    group by document_number
),

fact_counts as (
    select
        document_number,
        count(*) as fact_line_count
    from fact_lines
    group by document_number
),

final as (
    select
        coalesce(journal_entries.document_number, mart_counts.document_number, fact_counts.document_number)
            as document_number,
        journal_entries.line_count,
        mart_counts.mart_line_count,
        fact_counts.fact_line_count
    from journal_entries
    full outer join mart_counts
        on journal_entries.document_number = mart_counts.document_number
    full outer join fact_counts
        on coalesce(journal_entries.document_number, mart_counts.document_number) = fact_counts.document_number
    where journal_entries.line_count is distinct from mart_counts.mart_line_count
        or journal_entries.line_count is distinct from fact_counts.fact_line_count
)

select * from final
