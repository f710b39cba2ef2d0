-- The monthly sales series: one row per calendar month from the first invoiced month to the last, with net
-- revenue, the cost posted for it and the gross margin (months without invoices are zero, not missing), the
-- series the sales forecast and its backtest read.
with

lines as (
    select * from {{ ref('fct_invoice_lines') }}
),

bounds as (
    select
        date_trunc('month', min(invoice_date)) as first_month,
        date_trunc('month', max(invoice_date)) as last_month
    from lines
),

months as (
    select cast(month as date) as month_start
    from bounds, range(bounds.first_month, bounds.last_month + interval 1 month, interval 1 month) as t(month)
),

totals as (
    select
        cast(date_trunc('month', invoice_date) as date) as month_start,
        sum(net_amount) as net_revenue,
        sum(cost_amount) as cost_amount
    from lines
    group by 1
),

final as (
    select
        months.month_start,
        strftime(months.month_start, '%Y-%m') as period,
        row_number() over (order by months.month_start) as month_index,
        cast(coalesce(totals.net_revenue, 0) as decimal(18, 2)) as net_revenue,
        cast(coalesce(totals.cost_amount, 0) as decimal(18, 2)) as cost_amount,
        cast(coalesce(totals.net_revenue, 0) - coalesce(totals.cost_amount, 0) as decimal(18, 2)) as margin_amount
    from months
    left join totals
        on months.month_start = totals.month_start
)

select * from final
