// What the simulator remembers about its sales documents: the orders it raised (what each line still has to
// ship), the invoices and what is open on each, the payments customers make today (one receipt per customer),
// and the documents that change a customer's exposure, arranged so that a day's documents commit together.
import type { Day } from './calendar.ts';
import type { Customer } from './parties.ts';

/** Merchandise of one order line: SKU, whole units and the list price (cents per unit). */
export interface MerchandiseLine {
  sku: string;
  quantity: number;
  priceCents: bigint;
}

export interface SoldOrder {
  number: string;
  customer: Customer;
  lines: MerchandiseLine[];
  /** Units of each line not shipped yet, by line position. */
  open: number[];
  /** The SKU of the first line shipped and not invoiced yet (an invoice's first line), or null. */
  firstUnbilledSku: string | null;
}

/** An invoice as the simulator knows it: its number, the SKU of its first line, and what is open (cents). */
export interface Billed {
  number: string;
  customer: Customer;
  firstSku: string;
  open: bigint;
}

/** A payment the customer makes today: half of what is open on the invoice, or all of it. */
export interface DuePayment {
  billed: Billed;
  isHalf: boolean;
  /** Rounded up to whole hundreds: what it leaves over stays unallocated on the customer's account. */
  isRounded: boolean;
}

/** A document that reads and changes a customer's facts: the writer's keys it takes, and how to post it. */
export interface CustomerDocument {
  /** In the writer's words (`sales-order:…`, `customer:…`, `customer-invoice:…`, ingest/sales/keys.ts). */
  keys: readonly string[];
  /** Posts the document dated `day`, the day it goes out. */
  post: (day: Day) => void;
}

/**
 * The day's customer documents. The writer commits a command that shares a key with an earlier uncommitted
 * one only in a later group (every table a group writes costs an insert), so documents are arranged for the
 * day's documents to commit together: confirmations go out the day they are due, and invoices and receipts
 * on the first day none of their keys is taken by another of the day's documents (a day later, mostly).
 */
export class SalesBook {
  /** Orders shipped since the last invoicing run: the week's run bills them. */
  readonly shippedThisWeek = new Set<SoldOrder>();
  /** Payments due today per customer code, in the order scheduled. */
  readonly payingToday = new Map<string, DuePayment[]>();
  private readonly held = new Set<string>();
  private confirmations: CustomerDocument[] = [];
  private waiting: CustomerDocument[] = [];

  /** A document posted in the day's order (a shipment, a credit note) holds its keys for the day. */
  hold(keys: readonly string[]): void {
    for (const key of keys) this.held.add(key);
  }

  /** Goes out at the end of today, whatever other documents of the day share its keys. */
  today(document: CustomerDocument): void {
    this.confirmations.push(document);
  }

  /** Goes out at the end of the first day (from today) on which none of its keys is held. */
  whenFree(document: CustomerDocument): void {
    this.waiting.push(document);
  }

  /**
   * Posts today's documents and those waiting whose keys are free, in the order they came; today's that
   * share a key with an earlier one go last, so only they wait for another commit.
   */
  postTheDaysCustomerDocuments(day: Day): void {
    const clashing: CustomerDocument[] = [];
    for (const document of this.confirmations.splice(0)) {
      if (this.isFree(document)) this.post(document, day);
      else clashing.push(document);
    }
    const waiting = this.waiting.splice(0);
    for (const document of waiting) {
      if (this.isFree(document)) this.post(document, day);
      else this.waiting.push(document);
    }
    for (const document of clashing) document.post(day);
    this.held.clear();
  }

  private isFree(document: CustomerDocument): boolean {
    return document.keys.every((key) => !this.held.has(key));
  }

  private post(document: CustomerDocument, day: Day): void {
    this.hold(document.keys);
    document.post(day);
  }
}
