-- 002: fixed assets. Three append-only facts: the registration of an asset, the depreciation posted for
-- an (asset, period), and the disposal. Book values are derived from them, never stored.

-- One row per registered asset (document type 'asset', number FA-YYYY-NNNNNN from the 'asset' series).
create table if not exists facts.assets (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    posting_date date not null,
    asset_name varchar not null,
    category varchar not null,
    cost decimal(18, 2) not null check (cost > 0),
    salvage_value decimal(18, 2) not null check (salvage_value >= 0 and salvage_value <= cost),
    useful_life_years integer not null check (useful_life_years between 1 and 100),
    start_date date not null,
    method varchar not null check (
        method in ('straight_line', 'declining_balance', 'double_declining_balance', 'sum_of_years_digits')
    ),
    -- The fixed rate the user chose for declining_balance; null means DB's own rate (derived, not stored).
    rate decimal(7, 6) check (rate > 0 and rate < 1),
    asset_account varchar not null,
    accumulated_depreciation_account varchar not null,
    depreciation_expense_account varchar not null,
    department varchar,
    cost_center varchar,
    acquisition_journal_number varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

-- One row per (asset, period) posted by a depreciation run; document_number is the run's journal (DEP-…).
create table if not exists facts.asset_depreciation (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    asset_number varchar not null,
    period varchar not null,
    amount decimal(18, 2) not null check (amount > 0),
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

-- One row per disposed asset; document_number is the disposal journal. gain_loss > 0 is a gain.
create table if not exists facts.asset_disposals (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    posting_date date not null,
    asset_number varchar not null,
    cost decimal(18, 2) not null,
    accumulated_depreciation decimal(18, 2) not null,
    proceeds decimal(18, 2) not null check (proceeds >= 0),
    proceeds_account varchar,
    gain_loss decimal(18, 2) not null,
    memo varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);
