// Stock moves: the one fact every change of stock writes (receipt, issue, return, transfer, count), with
// item, warehouse, batch, signed quantity, unit cost and signed value; and the shared checks of a stock line.
import type { ErrorList } from '../errors.ts';
import { LedgerError } from '../errors.ts';
import type { ItemRecord } from '../masterdata/records.ts';
import { formatMoney } from '../money.ts';
import type { CommandContext } from '../writer.ts';
import { formatMicros, formatQuantity, unitCostMicros } from './quantity.ts';
import type { StockWork } from './stock-state.ts';
import type { BatchPick, Issued } from './valuation.ts';

export type MoveType = 'receipt' | 'issue' | 'return' | 'transfer_out' | 'transfer_in' | 'count_adjustment';

/** The process every warehouse document belongs to. */
export const INVENTORY_PROCESS = 'inventory';

export interface StockMove {
  lineNo: number;
  moveType: MoveType;
  item: ItemRecord;
  warehouse: string;
  batch: string | null;
  expiry: string | null;
  /** Thousandths, signed: positive into stock, negative out. */
  quantity: bigint;
  /** Cents, signed like the quantity. */
  value: bigint;
}

/** Appends a document's stock moves, numbered in order, and remembers them for the answer. */
export class MoveLog {
  readonly moves: StockMove[] = [];

  constructor(
    private readonly ctx: CommandContext,
    private readonly documentType: string,
    private readonly documentNumber: string,
    private readonly postingDate: string,
  ) {}

  add(move: StockMove): void {
    this.moves.push(move);
    const abs = (value: bigint) => (value < 0n ? -value : value);
    this.ctx.rows.push('stockMoves', {
      seq: this.ctx.nextSeq(),
      document_type: this.documentType,
      document_number: this.documentNumber,
      line_no: move.lineNo,
      move_no: this.moves.length,
      posting_date: this.postingDate,
      move_type: move.moveType,
      item_sku: move.item.sku,
      warehouse_code: move.warehouse,
      batch: move.batch,
      expiry_date: move.expiry,
      quantity: formatQuantity(move.quantity),
      unit_cost: formatMicros(unitCostMicros(abs(move.value), abs(move.quantity))),
      value: formatMoney(move.value),
      inventory_account: move.item.inventoryAccount,
      recorded_at: this.ctx.recordedAt,
      user_name: this.ctx.user,
      idempotency_key: this.ctx.idempotencyKey,
    });
  }

  /** One move per consumed share of an issue, negative. */
  addIssued(lineNo: number, moveType: MoveType, item: ItemRecord, warehouse: string, issued: Issued): void {
    for (const part of issued.consumed) {
      this.add({
        lineNo,
        moveType,
        item,
        warehouse,
        batch: part.batch,
        expiry: part.expiry,
        quantity: -part.quantity,
        value: -part.value,
      });
    }
  }

  json() {
    return this.moves.map((move) => ({
      line_no: move.lineNo,
      move_type: move.moveType,
      item: move.item.sku,
      warehouse: move.warehouse,
      batch: move.batch,
      quantity: formatQuantity(move.quantity),
      value: formatMoney(move.value),
    }));
  }
}

/** The item of a line, refusing an unknown or inactive one and a batch on an item without batches. */
export function lineItem(
  ctx: CommandContext,
  sku: string,
  batch: string | undefined,
  path: string,
  errors: ErrorList,
): ItemRecord | undefined {
  const item = ctx.state.masterData.items.get(sku);
  if (!item) errors.add(`${path}.item`, 'item_not_found', `no item ${sku}`);
  else if (!item.isActive) errors.add(`${path}.item`, 'item_inactive', `item ${sku} is no longer active`);
  else if (batch !== undefined && !item.isBatchTracked)
    errors.add(`${path}.batch`, 'batch_not_tracked', `item ${sku} is not batch-tracked`);
  else return item;
  return undefined;
}

export function checkWarehouse(ctx: CommandContext, code: string, path: string, errors: ErrorList): boolean {
  const warehouse = ctx.state.masterData.warehouses.get(code);
  if (!warehouse) errors.add(path, 'warehouse_not_found', `no warehouse ${code}`);
  else if (!warehouse.isActive) errors.add(path, 'warehouse_inactive', `warehouse ${code} is closed`);
  else return true;
  return false;
}

/** Which stock an issue takes: the named batch, else the earliest expiry of a batch-tracked item, else FIFO. */
export function pickFor(item: ItemRecord, batch: string | undefined | null): BatchPick {
  if (batch) return { rule: 'batch', batch };
  return item.isBatchTracked ? { rule: 'expiry' } : { rule: 'fifo' };
}

/** Takes stock out at its cost; a shortage becomes a field error at `path` (the document goes on checking). */
export function takeOut(
  work: StockWork,
  item: ItemRecord,
  warehouse: string,
  quantity: bigint,
  pick: BatchPick,
  path: string,
  errors: ErrorList,
): Issued | null {
  try {
    return work.position(item, warehouse).issue(quantity, pick, work.allowsNegative(item));
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    errors.add(path, error.code, `${item.sku} in ${warehouse}: ${error.message}`);
    return null;
  }
}

/** A posting account named by a document: it must exist and take postings. */
export function checkPostable(ctx: CommandContext, code: string, path: string, errors: ErrorList): void {
  const account = ctx.state.accounts.get(code);
  if (!account) errors.add(path, 'account_not_found', `account ${code} does not exist`);
  else if (account.isGroup) errors.add(path, 'account_not_postable', `account ${code} is a group`);
}

/** department and cost_center values must be defined in ref.dimensions. */
export function checkDimensions(
  ctx: CommandContext,
  values: { department?: string | undefined; cost_center?: string | undefined },
  errors: ErrorList,
): void {
  for (const dimension of ['department', 'cost_center'] as const) {
    const code = values[dimension];
    if (code !== undefined && !ctx.state.dimensions.has(`${dimension}:${code}`))
      errors.add(dimension, 'unknown_dimension_value', `${dimension} "${code}" is not defined`);
  }
}
