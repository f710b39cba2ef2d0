// What the simulator remembers about its supply chain between days: the stock it knows it has (it decides
// every quantity, so it mirrors the ledger's stock exactly and never asks for more than is there), what is
// on order, the purchase price it pays now, and the supplier invoices still to pay.
import type { Day } from './calendar.ts';
import type { DocumentPoster } from './documents.ts';
import { STOCK_ITEMS, type StockItem } from './stock-catalogue.ts';

export interface OpenInvoice {
  number: string;
  supplier: string;
  /** Cents still to pay. */
  open: bigint;
  /** The business day the next payment is due. */
  payOn: Day;
}

/** Units of an order line a supplier bills, at the order line's price (cents per unit). */
export interface Billed {
  order: string;
  line: { lineNo: number; priceCents: bigint };
  quantity: number;
}

export class SupplyChain {
  readonly documents: DocumentPoster;
  readonly openInvoices: OpenInvoice[] = [];
  /** Whether December's ordering run has ordered next year's first lots (once a year). */
  hasOrderedFirstLots = false;
  /** Accepted and not yet billed, per raw-material supplier: what its collective invoice at month end bills. */
  readonly uninvoiced = new Map<
    string,
    Array<{ order: string; line: { lineNo: number; priceCents: bigint }; quantity: number }>
  >();
  private readonly onHand = new Map<string, number>();
  private readonly onOrder = new Map<string, number>();
  private readonly prices = new Map<string, bigint>();

  constructor(documents: DocumentPoster) {
    this.documents = documents;
    for (const item of STOCK_ITEMS) this.prices.set(item.sku, item.priceCents);
  }

  quantity(sku: string, warehouse: string): number {
    return this.onHand.get(`${sku}|${warehouse}`) ?? 0;
  }

  /** Adds (or with a negative quantity takes) stock; taking more than is there is a bug of the simulator. */
  move(sku: string, warehouse: string, quantity: number): void {
    const after = this.quantity(sku, warehouse) + quantity;
    if (after < 0) throw new Error(`demo stock of ${sku} in ${warehouse} would go negative (${after})`);
    this.onHand.set(`${sku}|${warehouse}`, after);
  }

  /** Ordered and not yet accepted into stock. */
  ordered(sku: string): number {
    return this.onOrder.get(sku) ?? 0;
  }

  noteOrdered(sku: string, quantity: number): void {
    this.onOrder.set(sku, this.ordered(sku) + quantity);
  }

  /** Current purchase price, cents per unit: what a new order is priced at. */
  price(item: StockItem): bigint {
    return this.prices.get(item.sku) ?? item.priceCents;
  }

  setPrice(sku: string, cents: bigint): void {
    this.prices.set(sku, cents);
  }
}
