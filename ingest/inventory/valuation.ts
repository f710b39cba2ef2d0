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

/** Issued beyond stock (only where negative stock is allowed): what the next receipts settle first. */
interface Backlog {
  quantity: bigint;
  /** The cost the early issues were booked at, settled against the cost of the goods that cover them. */
  value: bigint;
}

/** A position as plain JSON, amounts as decimal strings: what stock-snapshot.ts stores and restores. */
export interface PositionSnapshot {
  method: ValuationMethod;
  /** [batch, expiry, quantity, value, order] per layer, oldest first. */
  layers: Array<[string | null, string | null, string, string, number]>;
  /** [quantity, value] issued beyond stock. */
  backlog: [string, string];
  pooled: string;
  received: number;
  last: [string, string] | null;
}

export class StockPosition {
  private layers: Layer[] = [];
  private backlog: Backlog = { quantity: 0n, value: 0n };
  private pooledValue = 0n;
  private received = 0;
  /** The last receipt, for valuing stock found at a count when nothing is left to average. */
  private last: { quantity: bigint; value: bigint } | null = null;

  constructor(readonly method: ValuationMethod) {}

  /** On hand: negative only where negative stock is allowed and more was issued than received. */
  get quantity(): bigint {
    return this.layers.reduce((sum, layer) => sum + layer.quantity, 0n) - this.backlog.quantity;
  }

  get value(): bigint {
    if (this.method === 'moving_average') return this.pooledValue;
    return this.layers.reduce((sum, layer) => sum + layer.value, 0n) - this.backlog.value;
  }

  /** Quantity on hand per batch (key null for stock without a batch). */
  batches(): Map<string | null, bigint> {
    const byBatch = new Map<string | null, bigint>();
    for (const layer of this.layers)
      byBatch.set(layer.batch, (byBatch.get(layer.batch) ?? 0n) + layer.quantity);
    return byBatch;
  }

  /** Everything the position holds, so that `restore` gives one that acts the same in every way. */
  snapshot(): PositionSnapshot {
    return {
      method: this.method,
      layers: this.layers.map((layer) => [
        layer.batch,
        layer.expiry,
        String(layer.quantity),
        String(layer.value),
        layer.order,
      ]),
      backlog: [String(this.backlog.quantity), String(this.backlog.value)],
      pooled: String(this.pooledValue),
      received: this.received,
      last: this.last ? [String(this.last.quantity), String(this.last.value)] : null,
    };
  }

  static restore(snapshot: PositionSnapshot): StockPosition {
    const position = new StockPosition(snapshot.method);
    position.layers = snapshot.layers.map(([batch, expiry, quantity, value, order]) => ({
      batch,
      expiry,
      quantity: BigInt(quantity),
      value: BigInt(value),
      order,
    }));
    position.backlog = { quantity: BigInt(snapshot.backlog[0]), value: BigInt(snapshot.backlog[1]) };
    position.pooledValue = BigInt(snapshot.pooled);
    position.received = snapshot.received;
    position.last = snapshot.last
      ? { quantity: BigInt(snapshot.last[0]), value: BigInt(snapshot.last[1]) }
      : null;
    return position;
  }

  /** A copy to try a document on: the writer keeps the original until the document commits. */
  clone(): StockPosition {
    const copy = new StockPosition(this.method);
    copy.layers = this.layers.map((layer) => ({ ...layer }));
    copy.pooledValue = this.pooledValue;
    copy.backlog = { ...this.backlog };
    copy.received = this.received;
    copy.last = this.last;
    return copy;
  }

  /**
   * Adds a receipt and returns its settlement: zero, unless goods were issued beyond stock before. Then the
   * receipt first covers that backlog, and what its cost differs from the cost the early issues were booked
   * at is the settlement, which the caller posts (to inventory differences) instead of to stock: the stock
   * value then grows by `receipt.value − settlement`, which is what the stock move records.
   */
  receive(receipt: Receipt): bigint {
    if (receipt.quantity <= 0n) throw new RangeError('a receipt quantity must be positive');
    if (receipt.value < 0n) throw new RangeError('a receipt value cannot be negative');
    const cover = smaller(receipt.quantity, this.backlog.quantity);
    const coverValue = cover === 0n ? 0n : share(receipt.value, cover, receipt.quantity);
    const settled = this.settleBacklog(cover);
    this.addLayer(receipt, receipt.quantity - cover, receipt.value - coverValue);
    this.pooledValue += settled + receipt.value - coverValue;
    const settlement = coverValue - settled;
    this.last = { quantity: receipt.quantity, value: receipt.value - settlement };
    return settlement;
  }

  /** A receipt as the facts recorded it (its value net of any settlement), when rebuilding at startup. */
  replayReceipt(receipt: Receipt): void {
    const cover = smaller(receipt.quantity, this.backlog.quantity);
    const settled = this.settleBacklog(cover);
    this.addLayer(receipt, receipt.quantity - cover, receipt.value - settled);
    this.pooledValue += receipt.value;
    this.last = { quantity: receipt.quantity, value: receipt.value };
  }

  /** Takes `cover` off the backlog and returns the booked cost it carried. */
  private settleBacklog(cover: bigint): bigint {
    if (cover === 0n) return 0n;
    const settled = share(this.backlog.value, cover, this.backlog.quantity);
    this.backlog = { quantity: this.backlog.quantity - cover, value: this.backlog.value - settled };
    return settled;
  }

  private addLayer(receipt: Receipt, quantity: bigint, value: bigint): void {
    if (quantity === 0n) return;
    this.layers.push({
      batch: receipt.batch ?? null,
      expiry: receipt.expiry ?? null,
      quantity,
      value,
      order: this.received++,
    });
  }

  /**
   * Takes `quantity` out of stock by `pick` and returns its cost. Refuses (`insufficient_stock`,
   * `batch_not_in_stock`) without changing anything when the stock that may be picked is short.
   */
  issue(quantity: bigint, pick: BatchPick = { rule: 'fifo' }, allowNegative = false): Issued {
    if (quantity <= 0n) throw new RangeError('an issue quantity must be positive');
    const candidates = this.candidates(pick);
    const available = candidates.reduce((sum, layer) => sum + layer.quantity, 0n);
    if (available < quantity) {
      if (!allowNegative || pick.rule === 'batch') throw shortage(quantity, available, pick);
      return this.issueBeyondStock(quantity, available);
    }
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
   * Where negative stock is allowed: takes all there is at its cost, and books the shortfall at the cost
   * stock found would have (valueOfFound) into the backlog, which the next receipts settle.
   */
  private issueBeyondStock(quantity: bigint, available: bigint): Issued {
    const shortfall = quantity - available;
    const shortValue = this.valueOfFound(shortfall);
    const taken = available > 0n ? this.issue(available) : { quantity: 0n, value: 0n, consumed: [] };
    this.backlog = { quantity: this.backlog.quantity + shortfall, value: this.backlog.value + shortValue };
    this.pooledValue -= shortValue;
    const beyond: Consumed = { batch: null, expiry: null, quantity: shortfall, value: shortValue };
    return { quantity, value: taken.value + shortValue, consumed: [...taken.consumed, beyond] };
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
    if (remaining > 0n) {
      // Issued beyond stock (negative stock was allowed then): the share is the backlog's, at its booked cost.
      if (remaining !== part.quantity) throw new RangeError('an issue share mixes stock and backlog');
      this.backlog = { quantity: this.backlog.quantity + remaining, value: this.backlog.value + part.value };
    }
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

/** `value × part / whole`, the whole value when the part is the whole. */
function share(value: bigint, part: bigint, whole: bigint): bigint {
  return part === whole ? value : divideRounded(value * part, whole);
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
