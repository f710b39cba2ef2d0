-- The stock value equals what the stock documents posted to the inventory accounts: per inventory account,
-- the sum of the stock moves' values equals the net of the journal lines on that account whose journal
-- comes from a stock document (goods receipt, stock issue, transfer, count, shipment, credit note with a
-- return). Journals keyed by hand onto an inventory account are outside the stock subledger.
with

stock as (
    select
        inventory_account as account_code,
        sum(value) as stock_value
    from {{ ref('fct_stock_moves') }}
    group by inventory_account
),

ledger as (
    select
        lines.account_code,
        sum(lines.amount) as ledger_value
    from {{ ref('fct_journal_lines') }} as lines
    inner join {{ ref('stg_ledger__journal_entries') }} as entries
        on lines.document_number = entries.document_number
    where entries.source_document_type in (
        'goods-receipt', 'stock-issue', 'stock-transfer', 'stock-count', 'shipment', 'credit-note'
    )
        and lines.account_code in (select account_code from stock)
    group by lines.account_code
),

final as (
    select
        stock.account_code,
        stock.stock_value,
        coalesce(ledger.ledger_value, 0) as ledger_value
    from stock
    left join ledger
        on stock.account_code = ledger.account_code
    where stock.stock_value <> coalesce(ledger.ledger_value, 0)
)

select * from final
