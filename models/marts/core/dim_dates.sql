-- The calendar: one row per day, from the start of the fiscal year of the first posting to the end of the
-- fiscal year after the one holding the later of the last posting and "today" (var calendar_as_of, or
-- current_date when it is empty). Fiscal years are named by the calendar year they start in, as ingest
-- numbers them; periods are calendar months 'YYYY-MM', the unit periods are closed in.
with

settings as (
    select * from {{ ref('int_settings_pivoted') }}
),

journal_entries as (
    select * from {{ ref('stg_ledger__journal_entries') }}
),

as_of as (
    select coalesce(cast(nullif('{{ var("calendar_as_of", "") }}', '') as date), current_date) as as_of_date
),

posting_range as (
    select
        min(posting_date) as first_posting_date,
        max(posting_date) as last_posting_date
    from journal_entries
),

bounds as (
    select
        settings.fiscal_year_start_month as start_month,
        coalesce(posting_range.first_posting_date, as_of.as_of_date) as first_date,
        greatest(coalesce(posting_range.last_posting_date, as_of.as_of_date), as_of.as_of_date) as last_date
    from settings
    cross join posting_range
    cross join as_of
),

fiscal_bounds as (
    select
        start_month,
        make_date(
            year(first_date) - case when month(first_date) < start_month then 1 else 0 end,
            start_month,
            1
        ) as calendar_start_date,
        cast(
            make_date(
                year(last_date) - case when month(last_date) < start_month then 1 else 0 end + 2,
                start_month,
                1
            ) - interval 1 day
            as date
        ) as calendar_end_date
    from bounds
),

days as (
    select
        cast(
            unnest(
                generate_series(
                    cast(calendar_start_date as timestamp),
                    cast(calendar_end_date as timestamp),
                    interval 1 day
                )
            ) as date
        ) as date_day,
        start_month
    from fiscal_bounds
),

fiscal_days as (
    select
        date_day,
        start_month,
        cast(year(date_day) - case when month(date_day) < start_month then 1 else 0 end as integer) as fiscal_year,
        cast((month(date_day) - start_month + 12) % 12 + 1 as integer) as fiscal_period
    from days
),

final as (
    select
        date_day,
        cast(year(date_day) as integer) as calendar_year,
        cast(quarter(date_day) as integer) as calendar_quarter,
        cast(month(date_day) as integer) as calendar_month,
        cast(day(date_day) as integer) as day_of_month,
        -- ISO 8601: 1 = Monday ... 7 = Sunday.
        cast(isodow(date_day) as integer) as day_of_week,
        dayname(date_day) as day_name,
        isodow(date_day) >= 6 as is_weekend,
        strftime(date_day, '%Y-%m') as period,
        cast(date_trunc('month', date_day) as date) as period_start_date,
        last_day(date_day) as period_end_date,
        -- Months since year 0: the previous period is index - 1, the same period a year earlier index - 12.
        cast(year(date_day) * 12 + month(date_day) - 1 as integer) as period_index,
        fiscal_year,
        fiscal_period,
        cast((fiscal_period - 1) // 3 + 1 as integer) as fiscal_quarter,
        make_date(fiscal_year, start_month, 1) as fiscal_year_start_date,
        cast(make_date(fiscal_year + 1, start_month, 1) - interval 1 day as date) as fiscal_year_end_date,
        date_day = last_day(date_day) as is_period_end,
        date_day = last_day(date_day) and fiscal_period % 3 = 0 as is_fiscal_quarter_end,
        date_day = last_day(date_day) and fiscal_period = 12 as is_fiscal_year_end
    from fiscal_days
)

select * from final
