-- 005: the writer's stock positions as of a stock move, so a start replays only the moves after it
-- (ingest/inventory/stock-snapshot.ts). Not a fact: derived from facts.stock_moves, replaced whole, and
-- ignored whenever it does not agree with them.
create table if not exists meta.stock_snapshot (
    format integer not null,
    through_seq bigint not null,
    moves bigint not null,
    taken_at timestamptz not null,
    positions varchar not null
);
