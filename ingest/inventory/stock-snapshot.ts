// The stock positions saved as of a stock move, so that opening a database replays only the moves after it
// instead of every move ever posted (ten million moves took two minutes). A snapshot is derived data: it is
// used only when it agrees with the facts (the same number of moves up to its seq, every item still valued
// by the method it was), and otherwise ignored, so the worst a bad one can cost is a full replay.
import type { Database } from '../db/database.ts';
import type { ItemRecord } from '../masterdata/records.ts';
import { type PositionSnapshot, StockPosition } from './valuation.ts';

/** Bumped whenever PositionSnapshot changes shape; a snapshot of another format is ignored. */
export const STOCK_SNAPSHOT_FORMAT = 1;
/** Moves a start had to replay, or posted since the last snapshot, beyond which a new one is saved. */
export const STOCK_SNAPSHOT_MOVES_MIN = 50_000;

export interface StockSnapshot {
  positions: Map<string, StockPosition>;
  /** The seq of the last stock move the positions hold, and how many moves that is. */
  throughSeq: bigint;
  moves: bigint;
}

/** The saved positions, when they agree with the facts and the items; null otherwise. */
export async function readSnapshot(
  db: Database,
  items: ReadonlyMap<string, ItemRecord>,
  sku: (key: string) => string,
): Promise<StockSnapshot | null> {
  const [saved] = await db.query(
    `select through_seq::varchar as through_seq, moves::varchar as moves, positions,
            (select count(*) from facts.stock_moves where seq <= snapshot.through_seq)::varchar as moves_now
     from meta.stock_snapshot as snapshot
     where format = ?`,
    [STOCK_SNAPSHOT_FORMAT],
  );
  if (!saved || saved.moves !== saved.moves_now) return null;
  const positions = new Map<string, StockPosition>();
  const stored = JSON.parse(String(saved.positions)) as Record<string, PositionSnapshot>;
  for (const [key, position] of Object.entries(stored)) {
    if (items.get(sku(key))?.valuationMethod !== position.method) return null;
    positions.set(key, StockPosition.restore(position));
  }
  return { positions, throughSeq: BigInt(String(saved.through_seq)), moves: BigInt(String(saved.moves)) };
}

/**
 * Saves `positions` as of the newest stock move, replacing the snapshot before in one transaction. Only when
 * nothing is being written: at the end of a start, or once the writer has stopped.
 */
export async function writeSnapshot(
  db: Database,
  positions: ReadonlyMap<string, StockPosition>,
): Promise<{ throughSeq: bigint; moves: bigint }> {
  const [facts] = await db.query(
    'select coalesce(max(seq), 0)::varchar as through_seq, count(*)::varchar as moves from facts.stock_moves',
  );
  const throughSeq = BigInt(String(facts?.through_seq ?? '0'));
  const moves = BigInt(String(facts?.moves ?? '0'));
  const stored: Record<string, PositionSnapshot> = {};
  for (const [key, position] of positions) stored[key] = position.snapshot();
  const connection = db.writeConnection;
  await connection.run('begin transaction');
  try {
    await connection.run('delete from meta.stock_snapshot');
    await connection.run(
      'insert into meta.stock_snapshot values ($format, $seq::bigint, $moves::bigint, now(), $positions)',
      {
        format: STOCK_SNAPSHOT_FORMAT,
        seq: String(throughSeq),
        moves: String(moves),
        positions: JSON.stringify(stored),
      },
    );
    await connection.run('commit');
  } catch (error) {
    await connection.run('rollback').catch(() => {});
    throw error;
  }
  return { throughSeq, moves };
}
