// After a customer invoice in the demo: now and then a return credited a week later, and the customer's
// payments when its habit says they come (punctual, slow, or late payers a month or more past due), some
// in two parts, some rounded up (the rest stays unallocated cash). A customer pays everything due on a day
// with one receipt. Payments that would come after the year end stay open in the receivables.
import {
  CreditNoteInput,
  CustomerReceiptInput,
  creditNoteCommand,
  customerInvoiceKey,
  customerKey,
  customerReceiptCommand,
  formatMoney,
  parseMoney,
  parseOrThrow,
} from '../../ingest/index.ts';
import type { Day } from './calendar.ts';
import type { Sim } from './context.ts';
import { CONTROLLER } from './documents.ts';
import { type Customer, paymentDelayDays } from './parties.ts';
import type { Billed, DuePayment } from './sales-book.ts';
import { MAIN_WAREHOUSE } from './stock-catalogue.ts';

/** Chances in percent: a unit returned damaged, an invoice paid in two parts, a payment rounded up. */
const RETURN_PERCENT = 3;
const SPLIT_PAYMENT_PERCENT = 10;
const ROUNDED_PAYMENT_PERCENT = 6;
const RETURN_AFTER_DAYS = 7;
const SECOND_PART_AFTER_DAYS = 21;
/** Rounded payments are rounded up to whole hundreds of euros (cents). */
const ROUNDING_CENTS = 100_00n;
const OUTPUT_VAT = '2210';
const BANK = '1130';

/**
 * An invoice's answer: its output VAT noted in the simulator's books (the quarterly VAT return reads it),
 * a return planned now and then, and the customer's payment by its habit.
 */
export function afterInvoice(
  sim: Sim,
  day: Day,
  customer: Customer,
  firstSku: string,
  answer: Record<string, unknown>,
): void {
  sim.books.notePosted(OUTPUT_VAT, -cents(answer.tax_amount));
  const billed: Billed = {
    number: String(answer.number),
    customer,
    firstSku,
    open: cents(answer.gross_amount),
  };
  const payDay = sim.calendar.businessDayAfter(
    day,
    customer.termsDays + paymentDelayDays(sim.rng, customer.habit),
  );
  const returnDay = sim.calendar.businessDayAfter(day, RETURN_AFTER_DAYS);
  // A return is credited before the first payment, a business day ahead at least: its answer (what it left
  // open) is noted the next morning, before that day's payments are worked out.
  if (sim.rng.chance(RETURN_PERCENT) && returnDay && payDay && returnDay.index < payDay.index) {
    sim.schedule.at(returnDay, (on) => creditReturn(sim, on, billed));
  }
  const isHalf = sim.rng.chance(SPLIT_PAYMENT_PERCENT);
  const isRounded = !isHalf && sim.rng.chance(ROUNDED_PAYMENT_PERCENT);
  sim.schedule.at(payDay, (on) => {
    expectPayment(sim, { billed, isHalf, isRounded });
    if (!isHalf) return;
    sim.schedule.at(sim.calendar.businessDayAfter(on, SECOND_PART_AFTER_DAYS), () =>
      expectPayment(sim, { billed, isHalf: false, isRounded: false }),
    );
  });
}

function expectPayment(sim: Sim, payment: DuePayment): void {
  const customer = payment.billed.customer.party;
  const due = sim.sales.payingToday.get(customer) ?? [];
  due.push(payment);
  sim.sales.payingToday.set(customer, due);
}

/** One unit of the invoice's first line comes back damaged: credited, and back in stock at its cost. */
function creditReturn(sim: Sim, day: Day, billed: Billed): void {
  const input = parseOrThrow(CreditNoteInput, {
    date: day.date,
    invoice: billed.number,
    reason: 'returned damaged in transit',
    lines: [{ invoice_line: 1, quantity: '1' }],
  });
  sim.supply.move(billed.firstSku, MAIN_WAREHOUSE, 1);
  const customer = billed.customer.party;
  sim.sales.hold([customerInvoiceKey(billed.number), customerKey(customer)]);
  sim.supply.documents.postAndNote(
    CONTROLLER,
    (actor) => creditNoteCommand(actor, input, customer),
    (answer) => {
      billed.open += cents(answer.gross_amount);
      sim.books.notePosted(OUTPUT_VAT, -cents(answer.tax_amount));
    },
  );
}

/**
 * The day's payments: one receipt per customer for everything it pays today, worked out and dated when it
 * goes out (the first day nothing else of the customer's does, today mostly).
 */
export function receiveTheDaysPayments(sim: Sim): void {
  for (const [customer, due] of sim.sales.payingToday) {
    const invoices = [...new Set(due.map((payment) => payment.billed.number))];
    sim.sales.whenFree({
      keys: [customerKey(customer), ...invoices.map(customerInvoiceKey)],
      post: (day) => receive(sim, day, customer, due),
    });
  }
  sim.sales.payingToday.clear();
}

function receive(sim: Sim, day: Day, customer: string, due: DuePayment[]): void {
  const allocations: Array<{ invoice: string; amount: bigint }> = [];
  for (const { billed, isHalf } of due) {
    const amount = isHalf ? billed.open / 2n : billed.open;
    if (amount <= 0n) continue;
    billed.open -= amount;
    allocations.push({ invoice: billed.number, amount });
  }
  const allocated = allocations.reduce((sum, allocation) => sum + allocation.amount, 0n);
  if (allocated === 0n) return;
  const isRounded = due.some((payment) => payment.isRounded);
  const paid = isRounded ? ((allocated + ROUNDING_CENTS - 1n) / ROUNDING_CENTS) * ROUNDING_CENTS : allocated;
  // The receipt's journal debits the bank; the month-end credit line reads that balance.
  sim.books.notePosted(BANK, paid);
  const input = parseOrThrow(CustomerReceiptInput, {
    date: day.date,
    customer,
    amount: formatMoney(paid),
    allocations: allocations.map((allocation) => ({ ...allocation, amount: formatMoney(allocation.amount) })),
  });
  sim.supply.documents.post(CONTROLLER, (actor) => customerReceiptCommand(actor, input));
}

function cents(value: unknown): bigint {
  const parsed = parseMoney(String(value));
  if (!parsed.ok) throw new Error(`the ledger answered an amount that is not money: ${String(value)}`);
  return parsed.minor;
}
