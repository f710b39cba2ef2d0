-- Parity checksum of the marts: one row per mart with its row count and an order-independent digest, so the
-- marts built by real dbt (run-dbt.sh, on a copy) and by the embedded runner (transform/) can be compared.
--
-- The pattern, per relation R:
--     select count(*) as row_count,
--            md5(coalesce(string_agg(row_md5, '' order by row_md5), '')) as checksum
--     from (select md5(cast(r as varchar)) as row_md5 from (select * exclude (<volatile>) from R) as r)
-- * `cast(r as varchar)` renders the whole row as a struct literal: column names in order, strings quoted
--   when needed, NULL distinct from 'NULL', DECIMAL(18,2) exact. Both engines run the same model SQL, so the
--   column order and types agree, and a differing column list shows up as a differing checksum, by design.
-- * Sorting the row digests before aggregating makes the digest independent of physical row order.
-- * Volatile columns: none. No model uses current_timestamp, random() or run metadata. The one input that
--   depends on the day of the run is dim_dates' end (the fiscal year after today). Run both builds with the
--   same var calendar_as_of (e.g. --vars '{calendar_as_of: "2026-06-30"}'), or on the same day.
--   Timestamps (recorded_at, status_changed_at) are copied from facts: pin the session time zone so their
--   text form is the same in both processes.
-- Run on each database after its build: the two result sets must be equal.

set TimeZone = 'UTC';

with

dim_accounts as (
    select 'marts.dim_accounts' as relation, md5(cast(r as varchar)) as row_md5
    from (select * from marts.dim_accounts) as r
),

dim_dates as (
    select 'marts.dim_dates' as relation, md5(cast(r as varchar)) as row_md5
    from (select * from marts.dim_dates) as r
),

dim_periods as (
    select 'marts.dim_periods' as relation, md5(cast(r as varchar)) as row_md5
    from (select * from marts.dim_periods) as r
),

fct_journal_lines as (
    select 'marts.fct_journal_lines' as relation, md5(cast(r as varchar)) as row_md5
    from (select * from marts.fct_journal_lines) as r
),

fct_account_balances as (
    select 'marts.fct_account_balances' as relation, md5(cast(r as varchar)) as row_md5
    from (select * from marts.fct_account_balances) as r
),

all_rows as (
    select * from dim_accounts
    union all select * from dim_dates
    union all select * from dim_periods
    union all select * from fct_journal_lines
    union all select * from fct_account_balances
),

final as (
    select
        relation,
        count(*) as row_count,
        md5(coalesce(string_agg(row_md5, '' order by row_md5), '')) as checksum
    from all_rows
    group by relation
)

select * from final
order by relation;
