-- The natural key of the general ledger is unique: no two lines share a document_number and line_no.
-- Scoped to the journals posted since the watermark: their lines are all above it (one transaction per
-- journal), and a new journal never takes an old one's number (the source's unique test on
-- journal_entries.document_number, and assert_journal_lines_match_facts for a line without its entry), so a
-- new line can only collide with another new line.
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

final as (
    select
        document_number,
        line_no,
        count(*) as n_records
    from journal_lines
    group by document_number, line_no
    having count(*) > 1
)

select * from final
