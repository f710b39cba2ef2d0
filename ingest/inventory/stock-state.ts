// Stock positions held by the writer, one per item and warehouse, valued FIFO or at moving average. Rebuilt
// at startup by replaying facts.stock_moves in order, so an issue's cost is fixed once, when it is posted.
import type { Database } from '../db/database.ts';
import { LedgerError } from '../errors.ts';
import type { ItemRecord } from '../masterdata/records.ts';
import { micros, milli } from '../masterdata/records.ts';
import type { CommandContext } from '../writer.ts';
import { readSnapshot, STOCK_SNAPSHOT_MOVES_MIN, writeSnapshot } from './stock-snapshot.ts';
import { StockPosition } from './valuation.ts';

export const positionKey = (sku: string, warehouse: string): string => `${sku}\n${warehouse}`;
const skuOf = (key: string): string => key.slice(0, key.indexOf('\n'));

const cents = (value: unknown): bigint => micros(value) / 10_000n;

interface ReplayedMove {
  sku: string;
  warehouse: string;
  batch: string | null;
  expiry: string | null;
  /** Thousandths, signed. */
  quantity: bigint;
  /** Cents, signed. */
  value: bigint;
}

export class StockLedger {
  readonly positions = new Map<string, StockPosition>();
  /** How many stock moves the last saved snapshot holds (0: none), to judge when another is worth saving. */
  private snapshotMoves = 0n;
  /** Moves the last load replayed from the facts (after the snapshot, when one was used). */
  replayedAtLoad = 0;

  /**
   * Restores the saved snapshot when it agrees with the facts (stock-snapshot.ts), then replays the moves
   * after it in commit order. The moves are streamed chunk by chunk (2 048 rows each) rather than read into
   * memory at once. A start that replayed STOCK_SNAPSHOT_MOVES_MIN moves or more saves a new snapshot.
   */
  async load(db: Database, items: ReadonlyMap<string, ItemRecord>): Promise<void> {
    const snapshot = await readSnapshot(db, items, skuOf);
    if (snapshot) {
      for (const [key, position] of snapshot.positions) this.positions.set(key, position);
      this.snapshotMoves = snapshot.moves;
    }
    const after = snapshot ? String(snapshot.throughSeq) : '-1';
    let replayed = 0;
    await db.withReader(async (connection) => {
      const result = await connection.stream(
        `select item_sku, warehouse_code, batch, expiry_date::varchar as expiry_date,
                quantity::varchar as quantity, value::varchar as value
         from facts.stock_moves where seq > ${after}::bigint order by seq`,
      );
      for (
        let chunk = await result.fetchChunk();
        chunk && chunk.rowCount > 0;
        chunk = await result.fetchChunk()
      ) {
        const [skus, warehouses, batches, expiries, quantities, values] = chunk.getColumns();
        for (let row = 0; row < chunk.rowCount; row++) {
          this.replay(items, {
            sku: String(skus?.[row]),
            warehouse: String(warehouses?.[row]),
            batch: batches?.[row] === null ? null : String(batches?.[row]),
            expiry: expiries?.[row] === null ? null : String(expiries?.[row]),
            quantity: milli(quantities?.[row]),
            value: cents(values?.[row]),
          });
        }
        replayed += chunk.rowCount;
      }
    });
    this.replayedAtLoad = replayed;
    if (replayed >= STOCK_SNAPSHOT_MOVES_MIN) await this.saveSnapshot(db);
  }

  /**
   * Saves the positions when STOCK_SNAPSHOT_MOVES_MIN moves or more came since the last snapshot; only while
   * nothing writes (at the end of a start, or after the writer stopped). A failure costs the next start a
   * longer replay, nothing more, so it is reported and not thrown.
   */
  async saveSnapshotIfDue(db: Database): Promise<void> {
    const [facts] = await db.query('select count(*)::varchar as moves from facts.stock_moves');
    const moves = BigInt(String(facts?.moves ?? '0'));
    if (moves - this.snapshotMoves >= BigInt(STOCK_SNAPSHOT_MOVES_MIN)) await this.saveSnapshot(db);
  }

  private async saveSnapshot(db: Database): Promise<void> {
    try {
      this.snapshotMoves = (await writeSnapshot(db, this.positions)).moves;
    } catch (error) {
      console.error(`stock snapshot not saved: ${(error as Error).message}`);
    }
  }

  private replay(items: ReadonlyMap<string, ItemRecord>, move: ReplayedMove): void {
    const item = items.get(move.sku);
    if (!item) throw new LedgerError('internal', 'item_missing', `stock moves name unknown item ${move.sku}`);
    const key = positionKey(move.sku, move.warehouse);
    let position = this.positions.get(key);
    if (!position) {
      position = new StockPosition(item.valuationMethod);
      this.positions.set(key, position);
    }
    const { quantity, value, batch, expiry } = move;
    if (quantity > 0n) position.replayReceipt({ quantity, value, batch, expiry });
    else position.replayIssue({ batch, expiry, quantity: -quantity, value: -value });
  }

  /** Whether the item has stock (or a value) in any warehouse. */
  hasStock(sku: string): boolean {
    const prefix = positionKey(sku, '');
    for (const [key, position] of this.positions) {
      if (key.startsWith(prefix) && (position.quantity !== 0n || position.value !== 0n)) return true;
    }
    return false;
  }

  /** Quantity on hand of an item in a warehouse (thousandths), zero when it never had stock there. */
  onHand(sku: string, warehouse: string): bigint {
    return this.positions.get(positionKey(sku, warehouse))?.quantity ?? 0n;
  }
}

/**
 * The positions one document changes: each is copied once into the undo log before its first change, so a
 * refused document (or one whose commit fails) leaves the writer's positions as they were.
 */
export class StockWork {
  private readonly copies = new Map<string, StockPosition>();

  constructor(private readonly ctx: CommandContext) {}

  /** Whether an issue of `item` may go beyond its stock: the setting, and never for batch-tracked items. */
  allowsNegative(item: ItemRecord): boolean {
    return this.ctx.state.settings.allowNegativeStock && !item.isBatchTracked;
  }

  position(item: ItemRecord, warehouse: string): StockPosition {
    const key = positionKey(item.sku, warehouse);
    const copied = this.copies.get(key);
    if (copied) return copied;
    const positions = this.ctx.state.stock.positions;
    const copy = positions.get(key)?.clone() ?? new StockPosition(item.valuationMethod);
    this.ctx.changes.set(positions, key, copy);
    this.copies.set(key, copy);
    return copy;
  }
}
