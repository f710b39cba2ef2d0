-- Journal lines as posted, with the signed amount (debit - credit) that every balance sums.
with

source as (
    select * from {{ source('ledger', 'journal_lines') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        line_no,
        posting_date,
        account_code,
        debit::decimal(18, 2) as debit,
        credit::decimal(18, 2) as credit,
        (debit - credit)::decimal(18, 2) as amount,
        department,
        cost_center,
        project,
        party,
        memo,
        recorded_at,
        user_name,
        idempotency_key
    from source
)

select * from final
