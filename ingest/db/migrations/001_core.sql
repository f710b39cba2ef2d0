-- 001: the schemas and the first append-only facts: journals, process events, period events,
-- plus reference data, users, tokens, settings and the audit log of accepted commands.

create schema if not exists facts;
create schema if not exists ref;

create table if not exists meta.settings (
    key varchar primary key,
    value varchar not null
);

create table if not exists ref.accounts (
    code varchar primary key,
    name varchar not null,
    type varchar not null check (type in ('asset', 'liability', 'equity', 'revenue', 'expense')),
    parent_code varchar,
    is_group boolean not null,
    normal_balance varchar not null check (normal_balance in ('debit', 'credit')),
    statement varchar not null check (statement in ('balance_sheet', 'income_statement')),
    statement_section varchar not null,
    statement_line varchar not null,
    cash_flow_category varchar not null
        check (cash_flow_category in ('cash', 'operating', 'investing', 'financing', 'non_cash')),
    cash_flow_line varchar not null,
    sort_order integer not null,
    added_at timestamptz not null default current_timestamp
);

create table if not exists ref.roles (
    role varchar primary key,
    description varchar not null,
    is_read_only boolean not null
);

create table if not exists ref.number_series (
    series varchar primary key,
    document_type varchar not null unique,
    prefix varchar not null,
    padding integer not null,
    resets varchar not null
);

create table if not exists ref.dimensions (
    dimension varchar not null check (dimension in ('department', 'cost_center', 'project')),
    code varchar not null,
    name varchar not null,
    primary key (dimension, code)
);

create table if not exists meta.users (
    user_name varchar primary key,
    role varchar not null,
    password_hash varchar not null,
    created_at timestamptz not null,
    created_by varchar not null
);

create table if not exists meta.tokens (
    token_hash varchar primary key,
    token_name varchar not null,
    role varchar not null,
    created_at timestamptz not null,
    created_by varchar not null
);

-- Every accepted command, in order; also the idempotency record (key, request hash, first response).
create table if not exists meta.audit_log (
    seq bigint primary key,
    command varchar not null,
    user_name varchar not null,
    idempotency_key varchar not null,
    request_hash varchar not null,
    response_status integer not null,
    response_body varchar not null,
    document_type varchar,
    document_number varchar,
    recorded_at timestamptz not null
);

-- Every numbered document of every module, in posting order: the registry that keeps numbering gapless.
create table if not exists facts.documents (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    series varchar not null,
    fiscal_year integer not null,
    number_in_series integer not null,
    posting_date date not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.journal_entries (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    series varchar not null,
    fiscal_year integer not null,
    posting_date date not null,
    memo varchar,
    reference varchar,
    source_document_type varchar,
    source_document_number varchar,
    reverses_document_number varchar,
    line_count integer not null,
    total_debit decimal(18, 2) not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.journal_lines (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    account_code varchar not null,
    debit decimal(18, 2) not null,
    credit decimal(18, 2) not null,
    department varchar,
    cost_center varchar,
    project varchar,
    party varchar,
    memo varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.process_events (
    seq bigint not null,
    process varchar not null,
    case_id varchar not null,
    activity varchar not null,
    event_at timestamptz not null,
    actor varchar not null,
    document_type varchar not null,
    document_number varchar not null,
    posting_date date not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.period_events (
    seq bigint not null,
    period varchar not null,
    action varchar not null check (action in ('close', 'reopen')),
    document_type varchar not null,
    document_number varchar not null,
    posting_date date not null,
    reason varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);
