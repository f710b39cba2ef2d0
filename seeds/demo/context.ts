// What every part of the simulation shares: the random stream, the books, the calendar, the parties,
// the size of the company and a schedule of actions due on later days (receipts, payments).
import type { Books } from './books.ts';
import type { Day, YearCalendar } from './calendar.ts';
import type { Parties } from './parties.ts';
import type { Rng } from './prng.ts';
import type { SalesBook } from './sales-book.ts';
import type { SupplyChain } from './supply-chain.ts';

export interface Sim {
  readonly rng: Rng;
  readonly books: Books;
  readonly calendar: YearCalendar;
  readonly parties: Parties;
  readonly schedule: Schedule;
  /** 1 for small, 10 for medium, 100 for large: multiplies counts and amounts alike. */
  readonly volume: number;
  readonly year: number;
  /** Running numbers for the company's own references (orders, supplier invoices). */
  readonly counters: Map<string, number>;
  /** Stock, open orders and supplier invoices, and the documents queued for the ledger. */
  readonly supply: SupplyChain;
  /** The day's shipments to invoice and payments to receive, and what is open on the invoices. */
  readonly sales: SalesBook;
}

/** The next reference of a kind, e.g. `ORD-2025-000042`. */
export function nextReference(sim: Sim, prefix: string): string {
  const next = (sim.counters.get(prefix) ?? 0) + 1;
  sim.counters.set(prefix, next);
  return `${prefix}-${sim.year}-${String(next).padStart(6, '0')}`;
}

/** Multiplies a small-scale amount by the company's volume. */
export function scaled(sim: Sim, cents: bigint): bigint {
  return cents * BigInt(sim.volume);
}

/** Actions due on later days, kept per day in the order they were scheduled (so runs are repeatable). */
export class Schedule {
  private readonly due: Array<Array<(day: Day) => void>> = [];

  /** Runs `action` on `day`; a day past the end of the year means it happens next year, so it is dropped. */
  at(day: Day | undefined, action: (day: Day) => void): void {
    if (!day) return;
    let bucket = this.due[day.index];
    if (!bucket) {
      bucket = [];
      this.due[day.index] = bucket;
    }
    bucket.push(action);
  }

  runDue(day: Day): void {
    const bucket = this.due[day.index];
    if (!bucket) return;
    // Actions may schedule more work for the same day; run until the bucket is empty.
    for (let index = 0; index < bucket.length; index++) bucket[index]?.(day);
    this.due[day.index] = [];
  }
}
