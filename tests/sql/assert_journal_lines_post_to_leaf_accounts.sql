-- Journal lines only reference accounts that exist and are not groups (groups only build the hierarchy).
with

fact_lines as (
    select * from {{ source('ledger', 'journal_lines') }}
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
