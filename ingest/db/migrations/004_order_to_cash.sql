-- 004: order to cash. Versioned customers, sales orders with their lines and status events, shipments,
-- customer invoices and credit notes with their lines, and customer receipts. Append-only like every fact:
-- a credit decision, an override or a state change is a new event row, a return is a credit note.

-- Output tax per tax code (seeds/tax_codes.csv): the rate in basis points and the account it is credited to.
create table if not exists ref.tax_codes (
    tax_code varchar primary key,
    rate_bp integer not null check (rate_bp between 0 and 10000),
    account_code varchar not null,
    description varchar not null
);

create table if not exists facts.customers (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    version integer not null check (version >= 1),
    valid_from date not null,
    customer_code varchar not null,
    customer_name varchar not null,
    contact_name varchar,
    email varchar,
    phone varchar,
    billing_address varchar,
    shipping_address varchar,
    currency varchar not null,
    payment_terms_days integer not null check (payment_terms_days >= 0),
    credit_rating varchar not null,
    credit_limit decimal(18, 2) not null check (credit_limit >= 0),
    salesperson varchar,
    segment varchar not null,
    receivables_account varchar not null,
    is_active boolean not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.sales_orders (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    posting_date date not null,
    customer_code varchar not null,
    warehouse_code varchar not null,
    salesperson varchar,
    currency varchar not null,
    net_amount decimal(18, 2) not null check (net_amount >= 0),
    tax_amount decimal(18, 2) not null check (tax_amount >= 0),
    gross_amount decimal(18, 2) not null check (gross_amount >= 0),
    customer_reference varchar,
    memo varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.sales_order_lines (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    item_sku varchar not null,
    quantity decimal(18, 3) not null check (quantity > 0),
    unit_price decimal(18, 6) not null check (unit_price >= 0),
    discount_percent decimal(5, 2) not null check (discount_percent between 0 and 100),
    net_amount decimal(18, 2) not null check (net_amount >= 0),
    tax_code varchar not null,
    tax_amount decimal(18, 2) not null check (tax_amount >= 0),
    promised_date date not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

-- The life of a sales order: created, confirmed (with the credit check's figures), credit_override,
-- partly_delivered, delivered, invoiced, closed, cancelled. Its status is its latest status event.
create table if not exists facts.sales_order_events (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    event varchar not null,
    status varchar not null,
    role varchar,
    posting_date date not null,
    reason varchar,
    caused_by_document varchar,
    credit_limit decimal(18, 2),
    credit_exposure decimal(18, 2),
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

-- Delivery notes: one row per shipped order line, with the cost at which the stock left.
create table if not exists facts.shipment_lines (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    order_number varchar not null,
    order_line_no integer not null,
    customer_code varchar not null,
    item_sku varchar not null,
    warehouse_code varchar not null,
    quantity decimal(18, 3) not null check (quantity > 0),
    cost_amount decimal(18, 2) not null check (cost_amount >= 0),
    cogs_account varchar not null,
    journal_number varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

-- Customer invoices (kind 'invoice') and credit notes (kind 'credit_note', amounts negative).
create table if not exists facts.customer_invoices (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    posting_date date not null,
    kind varchar not null check (kind in ('invoice', 'credit_note')),
    customer_code varchar not null,
    order_number varchar,
    credited_invoice_number varchar,
    due_date date not null,
    net_amount decimal(18, 2) not null,
    tax_amount decimal(18, 2) not null,
    gross_amount decimal(18, 2) not null,
    receivables_account varchar not null,
    reason varchar,
    journal_number varchar not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

-- One row per invoiced shipment line (or credited invoice line), with the cost posted for it: the
-- shipment's cost for an invoice, the cost the goods came back at for a credit note (both signed).
create table if not exists facts.customer_invoice_lines (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    kind varchar not null check (kind in ('invoice', 'credit_note')),
    customer_code varchar not null,
    order_number varchar not null,
    order_line_no integer not null,
    shipment_number varchar not null,
    shipment_line_no integer not null,
    credited_invoice_number varchar,
    credited_line_no integer,
    item_sku varchar not null,
    quantity decimal(18, 3) not null,
    unit_price decimal(18, 6) not null check (unit_price >= 0),
    discount_percent decimal(5, 2) not null,
    net_amount decimal(18, 2) not null,
    tax_code varchar not null,
    tax_amount decimal(18, 2) not null,
    cost_amount decimal(18, 2) not null,
    revenue_account varchar not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

-- Customer receipts: one row per invoice a receipt settles, and one with no invoice for cash left unallocated.
create table if not exists facts.customer_receipts (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    customer_code varchar not null,
    invoice_number varchar,
    amount decimal(18, 2) not null check (amount > 0),
    bank_account varchar not null,
    receivables_account varchar not null,
    journal_number varchar not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);
