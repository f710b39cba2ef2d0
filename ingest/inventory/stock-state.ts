// Stock positions held by the writer, one per item and warehouse, valued FIFO or at moving average. Rebuilt
// at startup by replaying facts.stock_moves in order, so an issue's cost is fixed once, when it is posted.
import type { Database } from '../db/database.ts';
import { LedgerError } from '../errors.ts';
import type { ItemRecord } from '../masterdata/records.ts';
import { micros, milli } from '../masterdata/records.ts';
import type { CommandContext } from '../writer.ts';
import { StockPosition } from './valuation.ts';

export const positionKey = (sku: string, warehouse: string): string => `${sku}\n${warehouse}`;

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

  /**
   * Replays every stock move in commit order. The moves are streamed chunk by chunk (2 048 rows each) rather
   * than read into memory at once, so ten million moves replay without holding ten million row objects.
   */
  async load(db: Database, items: ReadonlyMap<string, ItemRecord>): Promise<void> {
    await db.withReader(async (connection) => {
      const result = await connection.stream(
        `select item_sku, warehouse_code, batch, expiry_date::varchar as expiry_date,
                quantity::varchar as quantity, value::varchar as value
         from facts.stock_moves order by seq`,
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
      }
    });
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
