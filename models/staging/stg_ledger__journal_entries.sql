-- Journal headers as posted: one row per journal (voucher, module posting or reversal).
with

source as (
    select * from {{ source('ledger', 'journal_entries') }}
),

final as (
    select
        seq,
        document_type,
        document_number,
        series,
        fiscal_year,
        posting_date,
        memo,
        reference,
        source_document_type,
        source_document_number,
        reverses_document_number,
        reverses_document_number is not null as is_reversal,
        line_count,
        total_debit::decimal(18, 2) as total_debit,
        recorded_at,
        user_name,
        idempotency_key
    from source
)

select * from final
