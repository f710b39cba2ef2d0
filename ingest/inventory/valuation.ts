// Valuation at posting time: the stock of one item in one warehouse, valued FIFO (by receipt layers) or at
// moving average. The cost of every issue is fixed when it is posted, in exact cents, and what stays in stock
// keeps the remainder of every rounding, so receipts = issues + stock value to the cent, always.
import { LedgerError } from '../errors.ts';
import { divideRounded, formatQuantity, smaller } from './quantity.ts';

export type ValuationMethod = 'fifo' | 'moving_average';

/** Which stock an issue takes: the oldest receipts first, the earliest expiry first, or one named batch. */
export type BatchPick = { rule: 'fifo' } | { rule: 'expiry' } | { rule: 'batch'; batch: string };

export interface Receipt {
  /** Thousandths of the item's unit, > 0. */
  quantity: bigint;
  /** Cents, ≥ 0: what the receipt adds to the stock value. */
  value: bigint;
  batch?: string | null;
  /** ISO date the batch expires. */
  expiry?: string | null;
}

/** A share of an issue from one batch (null when the item is not batch-tracked). */
export interface Consumed {
  batch: string | null;
  expiry: string | null;
  quantity: bigint;
  value: bigint;
}

export interface Issued {
  quantity: bigint;
  value: bigint;
  consumed: Consumed[];
}

interface Layer {
  batch: string | null;
  expiry: string | null;
  quantity: bigint;
  /** FIFO: the layer's remaining value. Moving average: unused (the value is pooled). */
  value: bigint;
  order: number;
}

export class StockPosition {
  private layers: Layer[] = [];
  private pooledValue = 0n;
  private received = 0;
  /** The last receipt, for valuing stock found at a count when nothing is left to average. */
  private last: { quantity: bigint; value: bigint } | null = null;

  constructor(readonly method: ValuationMethod) {}

  get quantity(): bigint {
    return this.layers.reduce((sum, layer) => sum + layer.quantity, 0n);
  }

  get value(): bigint {
    if (this.method === 'moving_average') return this.pooledValue;
    return this.layers.reduce((sum, layer) => sum + layer.value, 0n);
  }

  /** Quantity on hand per batch (key null for stock without a batch). */
  batches(): Map<string | null, bigint> {
    const byBatch = new Map<string | null, bigint>();
    for (const layer of this.layers)
      byBatch.set(layer.batch, (byBatch.get(layer.batch) ?? 0n) + layer.quantity);
    return byBatch;
  }

  /** A copy to try a document on: the writer keeps the original until the document commits. */
  clone(): StockPosition {
    const copy = new StockPosition(this.method);
    copy.layers = this.layers.map((layer) => ({ ...layer }));
    copy.pooledValue = this.pooledValue;
    copy.received = this.received;
    copy.last = this.last;
    return copy;
  }

  receive(receipt: Receipt): void {
    if (receipt.quantity <= 0n) throw new RangeError('a receipt quantity must be positive');
    if (receipt.value < 0n) throw new RangeError('a receipt value cannot be negative');
    this.layers.push({
      batch: receipt.batch ?? null,
      expiry: receipt.expiry ?? null,
      quantity: receipt.quantity,
      value: receipt.value,
      order: this.received++,
    });
    this.pooledValue += receipt.value;
    this.last = { quantity: receipt.quantity, value: receipt.value };
  }

  /**
   * Takes `quantity` out of stock by `pick` and returns its cost. Refuses (`insufficient_stock`,
   * `batch_not_in_stock`) without changing anything when the stock that may be picked is short.
   */
  issue(quantity: bigint, pick: BatchPick = { rule: 'fifo' }): Issued {
    if (quantity <= 0n) throw new RangeError('an issue quantity must be positive');
    const candidates = this.candidates(pick);
    const available = candidates.reduce((sum, layer) => sum + layer.quantity, 0n);
    if (available < quantity) throw shortage(quantity, available, pick);
    const pooled = { quantity: this.quantity, value: this.pooledValue };
    const consumed: Consumed[] = [];
    let remaining = quantity;
    for (const layer of candidates) {
      if (remaining === 0n) break;
      const take = smaller(layer.quantity, remaining);
      const value = this.method === 'fifo' ? takeFromLayer(layer, take) : 0n;
      if (this.method !== 'fifo') layer.quantity -= take;
      consumed.push({ batch: layer.batch, expiry: layer.expiry, quantity: take, value });
      remaining -= take;
    }
    this.layers = this.layers.filter((layer) => layer.quantity > 0n);
    if (this.method === 'moving_average') {
      // The whole pool when it empties, else its share at the average: the rounding stays in stock.
      const value =
        quantity === pooled.quantity ? pooled.value : divideRounded(pooled.value * quantity, pooled.quantity);
      this.pooledValue -= value;
      spreadValue(consumed, value);
    }
    return { quantity, value: consumed.reduce((sum, part) => sum + part.value, 0n), consumed };
  }

  /**
   * Applies an issue exactly as it was posted (one consumed share per stock move), so the state rebuilt from
   * facts at startup holds the very layers and pool the writer held: no re-costing, no rounding drift.
   */
  replayIssue(part: Consumed): void {
    if (part.quantity <= 0n) throw new RangeError('a replayed quantity must be positive');
    let remaining = part.quantity;
    for (const layer of this.layers) {
      if (remaining === 0n) break;
      if (layer.batch !== part.batch) continue;
      const take = smaller(layer.quantity, remaining);
      if (this.method === 'fifo') takeFromLayer(layer, take);
      else layer.quantity -= take;
      remaining -= take;
    }
    if (remaining > 0n) throw new RangeError('the facts issue more than was received');
    if (this.method === 'moving_average') this.pooledValue -= part.value;
    this.layers = this.layers.filter((layer) => layer.quantity > 0n);
  }

  /**
   * The value of `quantity` found in stock (a count gain, a return without its issue): at the current
   * average (moving average), at the newest layer's cost (FIFO), or at the last receipt's cost when the
   * stock is empty; zero for an item never received.
   */
  valueOfFound(quantity: bigint): bigint {
    if (this.method === 'moving_average' && this.quantity > 0n)
      return divideRounded(this.pooledValue * quantity, this.quantity);
    const newest = this.method === 'fifo' ? this.layers.at(-1) : undefined;
    const basis = newest ?? this.last;
    return basis ? divideRounded(basis.value * quantity, basis.quantity) : 0n;
  }

  private candidates(pick: BatchPick): Layer[] {
    if (pick.rule === 'batch') return this.layers.filter((layer) => layer.batch === pick.batch);
    if (pick.rule === 'fifo') return [...this.layers];
    // Earliest expiry first; stock without an expiry last; receipt order among equals.
    return [...this.layers].sort((a, b) => {
      if (a.expiry !== b.expiry) {
        if (a.expiry === null) return 1;
        if (b.expiry === null) return -1;
        return a.expiry < b.expiry ? -1 : 1;
      }
      return a.order - b.order;
    });
  }
}

/** Takes `take` from a FIFO layer: its whole remaining value when emptied, else its share to the cent. */
function takeFromLayer(layer: Layer, take: bigint): bigint {
  const value = take === layer.quantity ? layer.value : divideRounded(layer.value * take, layer.quantity);
  layer.quantity -= take;
  layer.value -= value;
  return value;
}

/** Spreads a moving-average issue's value over its batches by quantity; the last batch takes the remainder. */
function spreadValue(consumed: Consumed[], value: bigint): void {
  const total = consumed.reduce((sum, part) => sum + part.quantity, 0n);
  let left = value;
  consumed.forEach((part, index) => {
    part.value = index === consumed.length - 1 ? left : divideRounded(value * part.quantity, total);
    left -= part.value;
  });
}

function shortage(quantity: bigint, available: bigint, pick: BatchPick): LedgerError {
  const wanted = formatQuantity(quantity);
  const onHand = formatQuantity(available);
  if (pick.rule === 'batch' && available === 0n)
    return new LedgerError('rule_violated', 'batch_not_in_stock', `batch ${pick.batch} is not in stock here`);
  const what = pick.rule === 'batch' ? `batch ${pick.batch}` : 'the item';
  return new LedgerError(
    'rule_violated',
    'insufficient_stock',
    `${wanted} asked, ${onHand} of ${what} on hand; negative stock is not allowed`,
  );
}
