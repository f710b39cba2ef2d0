-- 003: procure-to-pay and inventory. Versioned master data (items, warehouses, suppliers), the stock-move
-- fact every change of stock writes, and the documents of the warehouse and of purchasing. All facts are
-- append-only: an update of master data is a new version, a state change of an order is a new event.

-- Which account each posting of these modules uses (seeds/posting_rules.csv): data, not code.
create table if not exists ref.posting_rules (
    rule varchar primary key,
    account_code varchar not null,
    description varchar not null
);

-- Who must approve a purchase order (seeds/approval_rules.csv): above amount_over, a member of role.
create table if not exists ref.approval_rules (
    rule_no integer primary key,
    amount_over decimal(18, 2) not null check (amount_over >= 0),
    category varchar,
    role varchar not null
);

-- One row per version of an item; the current version is the one with the highest version number.
create table if not exists facts.items (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    version integer not null check (version >= 1),
    valid_from date not null,
    sku varchar not null,
    item_name varchar not null,
    unit varchar not null,
    category varchar not null,
    valuation_method varchar not null check (valuation_method in ('fifo', 'moving_average')),
    is_batch_tracked boolean not null,
    reorder_point decimal(18, 3) not null check (reorder_point >= 0),
    reorder_quantity decimal(18, 3) not null check (reorder_quantity >= 0),
    lead_time_days integer not null check (lead_time_days >= 0),
    purchase_price decimal(18, 6) not null check (purchase_price >= 0),
    default_supplier varchar,
    inventory_account varchar not null,
    expense_account varchar not null,
    is_active boolean not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.warehouses (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    version integer not null check (version >= 1),
    valid_from date not null,
    warehouse_code varchar not null,
    warehouse_name varchar not null,
    address varchar,
    is_active boolean not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.suppliers (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    version integer not null check (version >= 1),
    valid_from date not null,
    supplier_code varchar not null,
    supplier_name varchar not null,
    currency varchar not null,
    payment_terms_days integer not null check (payment_terms_days >= 0),
    payables_account varchar not null,
    price_tolerance_percent decimal(5, 2) not null check (price_tolerance_percent >= 0),
    receipt_tolerance_percent decimal(5, 2) not null check (receipt_tolerance_percent >= 0),
    is_active boolean not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

-- Every change of stock: quantity signed (+ in, − out), value signed, in the item's unit and the currency.
create table if not exists facts.stock_moves (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    move_no integer not null,
    posting_date date not null,
    move_type varchar not null check (
        move_type in ('receipt', 'issue', 'return', 'transfer_out', 'transfer_in', 'count_adjustment')
    ),
    item_sku varchar not null,
    warehouse_code varchar not null,
    batch varchar,
    expiry_date date,
    quantity decimal(18, 3) not null check (quantity <> 0),
    unit_cost decimal(18, 6) not null check (unit_cost >= 0),
    value decimal(18, 2) not null,
    inventory_account varchar not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

-- Issues to a department or person, and returns of unused goods (kind 'return', naming the issue).
create table if not exists facts.stock_issue_lines (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    kind varchar not null check (kind in ('issue', 'return')),
    warehouse_code varchar not null,
    item_sku varchar not null,
    batch varchar,
    quantity decimal(18, 3) not null check (quantity > 0),
    value decimal(18, 2) not null check (value >= 0),
    expense_account varchar not null,
    department varchar,
    cost_center varchar,
    person varchar,
    returns_document_number varchar,
    returns_line_no integer,
    journal_number varchar,
    memo varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.stock_transfer_lines (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    from_warehouse varchar not null,
    to_warehouse varchar not null,
    item_sku varchar not null,
    batch varchar,
    quantity decimal(18, 3) not null check (quantity > 0),
    value decimal(18, 2) not null check (value >= 0),
    memo varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

-- A count sheet: the book quantity when counted, what was counted, and the variance posted with its value.
create table if not exists facts.stock_count_lines (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    warehouse_code varchar not null,
    item_sku varchar not null,
    batch varchar,
    book_quantity decimal(18, 3) not null,
    counted_quantity decimal(18, 3) not null check (counted_quantity >= 0),
    variance_quantity decimal(18, 3) not null,
    variance_value decimal(18, 2) not null,
    journal_number varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.purchase_orders (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    posting_date date not null,
    supplier_code varchar not null,
    warehouse_code varchar not null,
    currency varchar not null,
    net_amount decimal(18, 2) not null check (net_amount >= 0),
    required_approvals varchar not null,
    memo varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.purchase_order_lines (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    item_sku varchar not null,
    quantity decimal(18, 3) not null check (quantity > 0),
    unit_price decimal(18, 6) not null check (unit_price >= 0),
    line_amount decimal(18, 2) not null check (line_amount >= 0),
    expected_date date not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

-- The life of an order: created, approval (one per role), approved, sent, partly_received, received,
-- closed, cancelled. Its status is its latest status event; nothing is ever updated.
create table if not exists facts.purchase_order_events (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    event varchar not null,
    status varchar not null,
    role varchar,
    posting_date date not null,
    reason varchar,
    caused_by_document varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.goods_receipt_lines (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    order_number varchar not null,
    order_line_no integer not null,
    supplier_code varchar not null,
    item_sku varchar not null,
    warehouse_code varchar not null,
    quantity_received decimal(18, 3) not null check (quantity_received > 0),
    quantity_accepted decimal(18, 3) not null check (quantity_accepted >= 0),
    quantity_rejected decimal(18, 3) not null check (quantity_rejected >= 0),
    batch varchar,
    expiry_date date,
    unit_price decimal(18, 6) not null,
    value decimal(18, 2) not null check (value >= 0),
    journal_number varchar,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.supplier_invoices (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    posting_date date not null,
    supplier_code varchar not null,
    supplier_reference varchar not null,
    due_date date not null,
    net_amount decimal(18, 2) not null,
    tax_amount decimal(18, 2) not null check (tax_amount >= 0),
    gross_amount decimal(18, 2) not null,
    journal_number varchar not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.supplier_invoice_lines (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    order_number varchar not null,
    order_line_no integer not null,
    item_sku varchar not null,
    quantity decimal(18, 3) not null check (quantity > 0),
    unit_price decimal(18, 6) not null check (unit_price >= 0),
    billed_amount decimal(18, 2) not null,
    grni_amount decimal(18, 2) not null,
    variance_amount decimal(18, 2) not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);

create table if not exists facts.supplier_payments (
    seq bigint not null,
    document_type varchar not null,
    document_number varchar not null,
    line_no integer not null,
    posting_date date not null,
    supplier_code varchar not null,
    invoice_number varchar not null,
    amount decimal(18, 2) not null check (amount > 0),
    bank_account varchar not null,
    journal_number varchar not null,
    recorded_at timestamptz not null,
    user_name varchar not null,
    idempotency_key varchar not null
);
