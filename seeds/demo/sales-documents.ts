// The demo company's merchandise sales as documents: customers as master data; per order a sales order with
// a promised date, confirmed the next morning by the sales lead (who overrides the credit limit where a
// customer is beyond it); shipments from the central warehouse on or near the promised date (some late, some
// in two parts); and a weekly invoicing run that bills what was shipped. What happens after an invoice
// (returns, receipts) is in receivables.ts.
import {
  CustomerInput,
  CustomerInvoiceInput,
  customerCommand,
  customerInvoiceCommand,
  customerKey,
  formatMoney,
  parseOrThrow,
  SalesOrderActionInput,
  SalesOrderInput,
  ShipmentInput,
  salesOrderActionCommand,
  salesOrderCommand,
  salesOrderKey,
  shipmentCommand,
} from '../../ingest/index.ts';
import { addDays, type Day } from './calendar.ts';
import type { Sim } from './context.ts';
import { CONTROLLER, type DemoActor, STOREKEEPER } from './documents.ts';
import { type Customer, orderWeight } from './parties.ts';
import { PARTY_COUNTS } from './profile.ts';
import { ensureAvailable } from './purchasing.ts';
import { afterInvoice } from './receivables.ts';
import type { MerchandiseLine, SoldOrder } from './sales-book.ts';
import { MAIN_WAREHOUSE, STOCK_ITEMS, type StockItem } from './stock-catalogue.ts';

export const SALESPERSON: DemoActor = { user: 'demo.sales', role: 'sales' };
export const SALES_LEAD: DemoActor = { user: 'demo.sales-lead', role: 'sales' };
const SALESPEOPLE = ['S-BRAUN', 'S-KLEIN', 'S-NOVAK'] as const;

/**
 * Credit limit by customer size (euros), raised for customers who order often by up to
 * CREDIT_LIMIT_RAISE_PERCENT_MAX (the most frequent); customers who pay late get half. Set so that now and
 * then a confirmation is beyond the limit, mostly of late payers and of the busiest accounts at peak times.
 */
const CREDIT_LIMIT_EUROS_BY_SIZE: Record<number, bigint> = { 1: 6_000n, 2: 15_000n, 3: 30_000n };
const CREDIT_LIMIT_RAISE_PERCENT_MAX = 150;
const DISCOUNT_PERCENT_BY_SIZE: Record<number, number> = { 1: 0, 2: 2, 3: 5 };
/** Delivery is promised this many business days after the order. */
const PROMISE_DAYS_MIN = 3;
const PROMISE_DAYS_MAX = 6;
/**
 * Chances in percent: an order shipped later than promised (by up to LATE_DAYS_MAX business days), one on
 * time shipped the business day before its promised day, an order shipped in two parts.
 */
const LATE_PERCENT = 10;
const LATE_DAYS_MAX = 4;
const EARLY_PERCENT = 30;
const SPLIT_PERCENT = 15;
/** Business days between the two parts of a split delivery. */
const REST_AFTER_DAYS_MIN = 3;
const REST_AFTER_DAYS_MAX = 6;

const BY_SKU = new Map(STOCK_ITEMS.map((item) => [item.sku, item]));

/** Every customer of the simulation as versioned master data, as of the first day of the year. */
export function setUpCustomers(sim: Sim): void {
  const valid_from = `${sim.year}-01-01`;
  sim.parties.customers.forEach((customer, index) => {
    const input = parseOrThrow(CustomerInput, {
      code: customer.party,
      name: `Customer ${customer.party.slice(5)}${customer.isExport ? ' AB' : ' GmbH'}`,
      billing_address: customer.isExport ? 'Storgatan 1, Göteborg' : 'Industriestraße 1, Bremen',
      currency: 'EUR',
      payment_terms_days: customer.termsDays,
      credit_rating: customer.habit === 'punctual' ? 'A' : customer.habit === 'slow' ? 'B' : 'C',
      credit_limit: formatMoney(creditLimitCents(sim, customer, index)),
      salesperson: SALESPEOPLE[index % SALESPEOPLE.length],
      segment: customer.isExport ? 'export' : customer.size >= 2 ? 'key_account' : 'trade',
      valid_from,
    });
    const { code, ...fields } = input;
    sim.supply.documents.post(SALESPERSON, (actor) => customerCommand(actor, code, fields, true));
  });
}

/**
 * The customer's credit limit in whole hundreds of euros, as a credit manager would set it: by size and how
 * often the customer orders. Larger scales have more customers, each ordering somewhat more often than at
 * the small scale (`ordersPercent`), and the limits follow.
 */
function creditLimitCents(sim: Sim, customer: Customer, index: number): bigint {
  const base = (CREDIT_LIMIT_EUROS_BY_SIZE[customer.size] ?? 6_000n) * 100n;
  const raisePercent = Math.round((CREDIT_LIMIT_RAISE_PERCENT_MAX * orderWeight(index)) / orderWeight(0));
  const limit = (base * BigInt(100 + raisePercent) * BigInt(ordersPercent(sim))) / 10_000n;
  const hundreds = (customer.habit === 'late' ? limit / 2n : limit) / 10_000n;
  return hundreds * 10_000n;
}

/** How often a customer orders, in percent of the small scale (its orders × volume over the weights). */
function ordersPercent(sim: Sim): number {
  let smallTotal = 0;
  for (let index = 0; index < PARTY_COUNTS.customers; index++) smallTotal += orderWeight(index);
  const total = sim.parties.customerWeights.at(-1) ?? smallTotal;
  return Math.round((100 * sim.volume * smallTotal) / total);
}

/**
 * One order's merchandise: a sales order promising delivery a few business days out. Once the ledger has
 * numbered it, its confirmation (the next morning) and its shipments are planned.
 */
export function sellMerchandise(sim: Sim, day: Day, customer: Customer, lines: MerchandiseLine[]): void {
  const promised = sim.calendar.businessDaysAfter(day, sim.rng.int(PROMISE_DAYS_MIN, PROMISE_DAYS_MAX));
  const input = parseOrThrow(SalesOrderInput, {
    date: day.date,
    customer: customer.party,
    warehouse: MAIN_WAREHOUSE,
    requested_date: promised?.date ?? addDays(day.date, PROMISE_DAYS_MAX),
    lines: lines.map((line) => ({
      item: line.sku,
      quantity: String(line.quantity),
      unit_price: formatMoney(line.priceCents),
      discount_percent: DISCOUNT_PERCENT_BY_SIZE[customer.size] ?? 0,
      tax_code: customer.isExport ? 'export' : 'standard',
    })),
  });
  sim.supply.documents.postAndNote(
    SALESPERSON,
    (actor) => salesOrderCommand(actor, input),
    (answer) => {
      const order: SoldOrder = {
        number: String(answer.number),
        customer,
        lines,
        open: lines.map((line) => line.quantity),
        firstUnbilledSku: null,
      };
      sim.schedule.at(sim.calendar.businessDaysAfter(day, 1), (on) => confirm(sim, on, order));
      planShipments(sim, day, order, promised);
    },
  );
}

/**
 * The sales lead confirms the orders of the day before each morning; where the customer is beyond its limit,
 * the override is recorded with the reason.
 */
function confirm(sim: Sim, day: Day, order: SoldOrder): void {
  const input = parseOrThrow(SalesOrderActionInput, {
    date: day.date,
    override_credit_limit: true,
    reason: 'regular customer; the sales lead accepts the exposure',
  });
  const customer = order.customer.party;
  sim.sales.today({
    keys: [salesOrderKey(order.number), customerKey(customer)],
    post: () =>
      sim.supply.documents.post(SALES_LEAD, (actor) =>
        salesOrderActionCommand(actor, order.number, 'confirm', input, customer),
      ),
  });
}

/**
 * Most orders ship in full on the promised day or the business day before (never before the day after
 * their confirmation); some ship late, and some go in two parts, the rest a few business days after the
 * first. What would ship after the year end stays open: the backlog.
 */
function planShipments(sim: Sim, day: Day, order: SoldOrder, promised: Day | undefined): void {
  if (!promised) return;
  const earliest = sim.calendar.businessDaysAfter(day, 2) as Day;
  const shipOn = sim.rng.chance(LATE_PERCENT)
    ? sim.calendar.businessDaysAfter(promised, sim.rng.int(1, LATE_DAYS_MAX))
    : sim.rng.chance(EARLY_PERCENT)
      ? sim.calendar.businessDayBefore(promised)
      : promised;
  const first = shipOn && shipOn.index < earliest.index ? earliest : shipOn;
  const isSplit = order.lines.some((line) => line.quantity > 1) && sim.rng.chance(SPLIT_PERCENT);
  if (!isSplit) {
    sim.schedule.at(first, (on) => ship(sim, on, order, order.open.slice()));
    return;
  }
  const part = sim.rng.int(40, 70);
  const restAfter = sim.rng.int(REST_AFTER_DAYS_MIN, REST_AFTER_DAYS_MAX);
  sim.schedule.at(first, (on) => {
    ship(
      sim,
      on,
      order,
      order.open.map((open) => (open > 1 ? Math.ceil((open * part) / 100) : open)),
    );
    sim.schedule.at(sim.calendar.businessDaysAfter(on, restAfter), (later) =>
      ship(sim, later, order, order.open.slice()),
    );
  });
}

/**
 * A shipment of `quantities` (per order line); what is short in the warehouse comes by express first. The
 * week's invoicing run bills it.
 */
function ship(sim: Sim, day: Day, order: SoldOrder, quantities: number[]): void {
  const lines: Array<{ order_line: number; quantity: string }> = [];
  quantities.forEach((quantity, index) => {
    const line = order.lines[index] as MerchandiseLine;
    if (quantity <= 0) return;
    ensureAvailable(sim, day, stockItem(line.sku), MAIN_WAREHOUSE, quantity);
    sim.supply.move(line.sku, MAIN_WAREHOUSE, -quantity);
    order.open[index] = (order.open[index] ?? 0) - quantity;
    lines.push({ order_line: index + 1, quantity: String(quantity) });
  });
  const first = lines[0];
  if (!first) return;
  const input = parseOrThrow(ShipmentInput, { date: day.date, order: order.number, lines });
  sim.supply.documents.post(STOREKEEPER, (actor) => shipmentCommand(actor, input));
  sim.sales.hold([salesOrderKey(order.number)]);
  order.firstUnbilledSku ??= order.lines[first.order_line - 1]?.sku as string;
  sim.sales.shippedThisWeek.add(order);
}

/**
 * The invoicing run on the last business day of each week: an invoice per order for what it shipped and is
 * not billed yet, that day or the first day after it that nothing else of the customer's or the order's goes
 * out (a shipment of the same day, say). Each answer plans returns and payments.
 */
export function invoiceTheWeeksShipments(sim: Sim, day: Day): void {
  const next = sim.calendar.businessDaysAfter(day, 1);
  if (next && weekOf(next) === weekOf(day)) return;
  for (const order of sim.sales.shippedThisWeek) invoice(sim, order);
  sim.sales.shippedThisWeek.clear();
}

/** Monday of the day's week, as a date: days of one week share it. */
function weekOf(day: Day): string {
  const weekday = (new Date(`${day.date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day.date, -weekday);
}

function invoice(sim: Sim, order: SoldOrder): void {
  const customer = order.customer.party;
  sim.sales.whenFree({
    keys: [salesOrderKey(order.number), customerKey(customer)],
    post: (day) => {
      const firstSku = order.firstUnbilledSku;
      // An earlier invoice waiting for its day billed this order's shipments already.
      if (firstSku === null) return;
      order.firstUnbilledSku = null;
      const input = parseOrThrow(CustomerInvoiceInput, { date: day.date, order: order.number });
      sim.supply.documents.postAndNote(
        CONTROLLER,
        (actor) => customerInvoiceCommand(actor, input, customer),
        (answer) => afterInvoice(sim, day, order.customer, firstSku, answer),
      );
    },
  });
}

function stockItem(sku: string): StockItem {
  const item = BY_SKU.get(sku);
  if (!item) throw new Error(`demo merchandise ${sku} is not a stock item`);
  return item;
}
