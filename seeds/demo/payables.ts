// Supplier invoices and payments in the demo: merchandise suppliers bill each delivery a few days later,
// raw-material suppliers once a month for the month's deliveries, every invoice matched three ways (a few at
// a price slightly off the order's); a weekly payment run pays what is due, several invoices of a supplier in
// one payment, now and then in two instalments. Orders and deliveries are in purchasing.ts.
import {
  formatMoney as money,
  parseOrThrow,
  SupplierInvoiceInput,
  SupplierPaymentInput,
  supplierInvoiceCommand,
  supplierPaymentCommand,
} from '../../ingest/index.ts';
import { DOCUMENT_LINES_MAX } from '../../ingest/inventory/schema.ts';
import { PAYMENT_ALLOCATIONS_MAX } from '../../ingest/purchasing/schema.ts';
import { shareOf } from './books.ts';
import { type Day, weekdayOf } from './calendar.ts';
import { nextReference, type Sim } from './context.ts';
import { CONTROLLER } from './documents.ts';
import { VAT_BP } from './profile.ts';
import { SUPPLIER_TERMS } from './stock-catalogue.ts';
import type { Billed } from './supply-chain.ts';

/** Chance in percent that an invoice has a line at a price that differs from the order's. */
const PRICE_VARIANCE_PERCENT = 18;
/** Invoice prices differ from the order by up to this many basis points (inside the 2 % tolerance). */
const PRICE_VARIANCE_BP_MAX = 150;
/** Weekday of the payment run (Friday, 1 = Monday): invoices due since the last run are paid. */
const PAYMENT_RUN_WEEKDAY = 5;
/** Chance in percent that a due invoice is paid in two instalments, and days between them. */
const INSTALMENT_PERCENT = 12;
const INSTALMENT_GAP_DAYS = 10;

/** Merchandise suppliers bill each delivery; raw-material suppliers once a month for the month's deliveries. */
export function billLater(sim: Sim, day: Day, supplier: string, billed: Billed[]): void {
  if (isMerchandiseSupplier(sim, supplier)) {
    const billOn = sim.calendar.businessDayAfter(day, sim.rng.int(1, 6));
    sim.schedule.at(billOn, (on) => invoice(sim, on, supplier, billed));
    return;
  }
  const month = sim.supply.uninvoiced.get(supplier) ?? [];
  month.push(...billed);
  sim.supply.uninvoiced.set(supplier, month);
}

function isMerchandiseSupplier(sim: Sim, supplier: string): boolean {
  return sim.parties.merchandiseSuppliers.includes(supplier);
}

/** The raw-material suppliers' collective invoices for the month, on its last business day. */
export function invoiceTheMonth(sim: Sim, day: Day): void {
  for (const [supplier, billed] of sim.supply.uninvoiced) {
    for (let start = 0; start < billed.length; start += DOCUMENT_LINES_MAX) {
      invoice(sim, day, supplier, billed.slice(start, start + DOCUMENT_LINES_MAX));
    }
  }
  sim.supply.uninvoiced.clear();
}

/** A supplier invoice for accepted goods; now and then one line at a price slightly off the order's. */
function invoice(sim: Sim, day: Day, supplier: string, delivered: Billed[]): void {
  const billed = delivered.filter((delivery) => delivery.quantity > 0);
  if (billed.length === 0) return;
  const varied = sim.rng.chance(PRICE_VARIANCE_PERCENT) ? sim.rng.int(0, billed.length - 1) : -1;
  let net = 0n;
  const lines = billed.map(({ order, line, quantity }, index) => {
    const basisPoints =
      index === varied ? BigInt(nonZero(sim.rng.int(-PRICE_VARIANCE_BP_MAX, PRICE_VARIANCE_BP_MAX))) : 0n;
    const price = (line.priceCents * (10_000n + basisPoints) + 5_000n) / 10_000n;
    net += price * BigInt(quantity);
    return { order, order_line: line.lineNo, quantity: String(quantity), unit_price: money(price) };
  });
  const tax = shareOf(net, VAT_BP);
  // The invoice's journal debits input VAT; the quarterly VAT return reads that balance.
  sim.books.notePosted('1250', tax);
  const input = parseOrThrow(SupplierInvoiceInput, {
    date: day.date,
    supplier,
    supplier_reference: nextReference(sim, 'RE'),
    tax_amount: money(tax),
    lines,
  });
  const terms = SUPPLIER_TERMS[isMerchandiseSupplier(sim, supplier) ? 'merchandise' : 'raw'];
  const payOn = sim.calendar.businessDayAfter(day, terms.paymentTermsDays);
  sim.supply.documents.postAndNote(
    CONTROLLER,
    (actor) => supplierInvoiceCommand(actor, input),
    (body) => {
      if (!payOn) return; // due next year: stays open in the payables
      sim.supply.openInvoices.push({ number: String(body.number), supplier, open: net + tax, payOn });
    },
  );
}

function nonZero(basisPoints: number): number {
  return basisPoints === 0 ? 50 : basisPoints;
}

/** Pays what is due today: one payment per supplier, settling each due invoice in full or in part. */
export function paySuppliers(sim: Sim, day: Day): void {
  if (weekdayOf(day) + 1 !== PAYMENT_RUN_WEEKDAY) return;
  const due = sim.supply.openInvoices.filter((invoice) => invoice.payOn.index <= day.index);
  if (due.length === 0) return;
  const bySupplier = new Map<string, Array<{ invoice: string; amount: bigint }>>();
  for (const invoice of due) {
    const next = sim.calendar.businessDayAfter(day, INSTALMENT_GAP_DAYS);
    const isSplit = next !== undefined && invoice.open > 1_000_00n && sim.rng.chance(INSTALMENT_PERCENT);
    const instalment = isSplit ? invoice.open / 2n : invoice.open;
    invoice.open -= instalment;
    if (next) invoice.payOn = next;
    const allocations = bySupplier.get(invoice.supplier) ?? [];
    allocations.push({ invoice: invoice.number, amount: instalment });
    bySupplier.set(invoice.supplier, allocations);
  }
  const stillOpen = sim.supply.openInvoices.filter((invoice) => invoice.open > 0n);
  sim.supply.openInvoices.splice(0, sim.supply.openInvoices.length, ...stillOpen);
  for (const [supplier, allocations] of bySupplier) {
    for (let start = 0; start < allocations.length; start += PAYMENT_ALLOCATIONS_MAX) {
      pay(sim, day, supplier, allocations.slice(start, start + PAYMENT_ALLOCATIONS_MAX));
    }
  }
}

function pay(sim: Sim, day: Day, supplier: string, allocations: Array<{ invoice: string; amount: bigint }>) {
  const total = allocations.reduce((sum, allocation) => sum + allocation.amount, 0n);
  // The payment's journal credits the bank; the month-end credit line reads that balance.
  sim.books.notePosted('1130', -total);
  const input = parseOrThrow(SupplierPaymentInput, {
    date: day.date,
    supplier,
    allocations: allocations.map((allocation) => ({ ...allocation, amount: money(allocation.amount) })),
  });
  sim.supply.documents.post(CONTROLLER, (actor) => supplierPaymentCommand(actor, input));
}
