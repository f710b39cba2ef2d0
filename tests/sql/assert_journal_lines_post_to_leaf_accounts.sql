-- Journal lines only reference accounts that exist and are not groups (groups only build the hierarchy).
-- Scoped to the lines posted since the watermark: accounts are only added, and a new account's parent must
-- already be a group (ingest/finance/accounts.ts), so an account a line was checked against stays a leaf.
{#- tests_since_seq: set by the embedded runner in an incremental build to the fact watermark of the last build
    whose every test passed; empty (dbt's default) checks everything. See transform/test-scope.ts. -#}
{%- set since_seq = var('tests_since_seq', '') %}
with

fact_lines as (
    select * from {{ source('ledger', 'journal_lines') }}
    {%- if since_seq %}
    where seq > {{ since_seq | int }}
    {%- endif %}
),

accounts as (
    select * from {{ ref('dim_accounts') }}
),

final as (
    select
        fact_lines.seq,
        fact_lines.document_number,
        fact_lines.line_no,
        fact_lines.account_code,
        accounts.is_group
    from fact_lines
    left join accounts
        on fact_lines.account_code = accounts.code
    where accounts.code is null
        or accounts.is_group
)

select * from final
