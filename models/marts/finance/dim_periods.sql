-- Accounting periods: one row per calendar month 'YYYY-MM' of the calendar, with its fiscal position and
-- whether it is closed (the latest close/reopen event decides).
with

calendar as (
    select * from {{ ref('dim_dates') }}
),

period_events as (
    select * from {{ ref('stg_ledger__period_events') }}
),

latest_period_events as (
    select
        period,
        is_close,
        recorded_at,
        user_name
    from period_events
    qualify row_number() over (partition by period order by seq desc) = 1
),

periods as (
    select
        period,
        period_index,
        period_start_date,
        period_end_date,
        calendar_year,
        calendar_month,
        fiscal_year,
        fiscal_period,
        fiscal_quarter,
        fiscal_year_start_date,
        fiscal_year_end_date
    from calendar
    where day_of_month = 1
),

final as (
    select
        periods.period,
        periods.period_index,
        periods.period_start_date,
        periods.period_end_date,
        periods.calendar_year,
        periods.calendar_month,
        periods.fiscal_year,
        periods.fiscal_period,
        periods.fiscal_quarter,
        periods.fiscal_year_start_date,
        periods.fiscal_year_end_date,
        coalesce(latest_period_events.is_close, false) as is_closed,
        latest_period_events.recorded_at as status_changed_at,
        latest_period_events.user_name as status_changed_by
    from periods
    left join latest_period_events
        on periods.period = latest_period_events.period
)

select * from final
