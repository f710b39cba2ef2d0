// Purchasing in the demo: reorders when stock runs low (an order per supplier, approved when the rules ask for
// it, then sent), deliveries on or near the expected date (some in two parts, some with goods rejected at
// inspection and replaced), express orders for a shortfall, and next year's first lots ordered in December.
// The master data is in purchasing-master-data.ts, the invoices and payments in payables.ts.
import {
  GoodsReceiptInput,
  goodsReceiptCommand,
  orderActionCommand,
  PurchaseOrderInput,
  parseOrThrow,
  purchaseOrderCommand,
} from '../../ingest/index.ts';
import { addDays, type Day, weekdayOf } from './calendar.ts';
import { nextReference, type Sim } from './context.ts';
import { BUYER, CONTROLLER, type DemoActor, PURCHASING_LEAD, STOREKEEPER } from './documents.ts';
import { billLater } from './payables.ts';
import { SEASONALITY_PERCENT } from './profile.ts';
import {
  defaultSupplier,
  ORDER_UP_TO_PERCENT,
  REORDER_AT_PERCENT,
  roundToPack,
  suppliersOf,
  targetUnits,
} from './purchasing-master-data.ts';
import { MAIN_WAREHOUSE, STOCK_ITEMS, type StockItem, WAREHOUSES } from './stock-catalogue.ts';
import type { Billed } from './supply-chain.ts';

/** The December ordering run from this day of the month orders next year's first lots, for three weeks later. */
const FIRST_LOTS_ORDERED_FROM = '15';
const NEXT_YEAR_LOTS_AFTER_DAYS = 21;
const ORDER_MEMO: Record<Exclude<OrderKind, 'regular'>, string> = {
  express: 'Express order: delivered today',
  next_year: "January's first lots, ordered before the holidays",
};
/** Chances in percent: an order delivered in two parts, a line partly rejected at inspection. */
const SPLIT_DELIVERY_PERCENT = 20;
const REJECTION_PERCENT = 7;

interface OrderLine {
  lineNo: number;
  item: StockItem;
  /** Still to be accepted into stock. */
  open: number;
  priceCents: bigint;
}

interface PlacedOrder {
  number: string;
  supplier: string;
  warehouse: string;
  lines: OrderLine[];
}

interface Delivery {
  line: OrderLine;
  quantity: number;
}

function onHandEverywhere(sim: Sim, item: StockItem): number {
  return WAREHOUSES.reduce((sum, warehouse) => sum + sim.supply.quantity(item.sku, warehouse.code), 0);
}

/** The weekly ordering run, on the week's first business day. */
function isOrderingDay(sim: Sim, day: Day): boolean {
  for (let index = day.index - 1; index >= 0 && index > day.index - 7; index--) {
    const earlier = sim.calendar.days[index] as Day;
    if (weekdayOf(earlier) >= weekdayOf(day)) return true;
    if (earlier.isBusinessDay) return false;
  }
  return true;
}

/** Orders what has fallen to its reorder level: one order per supplier, delivered to the main warehouse. */
export function reorderStock(sim: Sim, day: Day): void {
  if (!isOrderingDay(sim, day)) return;
  const season = SEASONALITY_PERCENT[day.month - 1] ?? 100;
  const bySupplier = new Map<string, Array<{ item: StockItem; quantity: number }>>();
  for (const item of STOCK_ITEMS) {
    const target = targetUnits(sim, item, season);
    const position = onHandEverywhere(sim, item) + sim.supply.ordered(item.sku);
    if (position > (target * REORDER_AT_PERCENT) / 100) continue;
    // Now and then the buyer finds a better offer with another supplier of the same goods.
    const supplier = sim.rng.chance(5)
      ? sim.rng.pick(suppliersOf(sim, item.role === 'merchandise' ? 'merchandise' : 'raw'))
      : defaultSupplier(sim, item);
    const lines = bySupplier.get(supplier) ?? [];
    lines.push({ item, quantity: roundToPack(item, (target * ORDER_UP_TO_PERCENT) / 100 - position) });
    bySupplier.set(supplier, lines);
  }
  for (const [supplier, lines] of bySupplier) placeOrder(sim, day, supplier, lines, 'regular');
  if (day.month === 12 && day.date.slice(8) >= FIRST_LOTS_ORDERED_FROM) orderFirstLotsOfNextYear(sim, day);
}

/**
 * Before the holidays, the ordering run also orders January's first lot of every raw material (its reorder
 * quantity at the base rate), one order per supplier, to come in the new year: the year closes with them open.
 */
function orderFirstLotsOfNextYear(sim: Sim, day: Day): void {
  if (sim.supply.hasOrderedFirstLots) return;
  sim.supply.hasOrderedFirstLots = true;
  const bySupplier = new Map<string, Array<{ item: StockItem; quantity: number }>>();
  for (const item of STOCK_ITEMS.filter((candidate) => candidate.role === 'raw')) {
    const supplier = defaultSupplier(sim, item);
    const target = targetUnits(sim, item, 100);
    const lines = bySupplier.get(supplier) ?? [];
    lines.push({
      item,
      quantity: roundToPack(item, ((ORDER_UP_TO_PERCENT - REORDER_AT_PERCENT) * target) / 100),
    });
    bySupplier.set(supplier, lines);
  }
  for (const [supplier, lines] of bySupplier) placeOrder(sim, day, supplier, lines, 'next_year');
}

/** Makes sure `need` units are in `warehouse` now: what is missing comes by express delivery today. */
export function ensureAvailable(sim: Sim, day: Day, item: StockItem, warehouse: string, need: number): void {
  const missing = need - sim.supply.quantity(item.sku, warehouse);
  if (missing <= 0) return;
  const season = SEASONALITY_PERCENT[day.month - 1] ?? 100;
  const quantity = roundToPack(item, missing + Math.ceil(targetUnits(sim, item, season) / 4));
  placeOrder(sim, day, defaultSupplier(sim, item), [{ item, quantity }], 'express', warehouse);
}

/** Regular orders come by their lead time, express ones today, the first lots of next year in January. */
type OrderKind = 'regular' | 'express' | 'next_year';

function placeOrder(
  sim: Sim,
  day: Day,
  supplier: string,
  wanted: Array<{ item: StockItem; quantity: number }>,
  kind: OrderKind,
  warehouse = MAIN_WAREHOUSE,
): void {
  const isExpress = kind === 'express';
  const lines: OrderLine[] = wanted.map(({ item, quantity }, index) => {
    sim.supply.noteOrdered(item.sku, quantity);
    return { lineNo: index + 1, item, open: quantity, priceCents: sim.supply.price(item) };
  });
  // An express order is delivered today: its stock counts as there from now on.
  if (isExpress) for (const line of lines) sim.supply.move(line.item.sku, warehouse, line.open);
  const expected = isExpress
    ? day.date
    : kind === 'next_year'
      ? addDays(day.date, NEXT_YEAR_LOTS_AFTER_DAYS)
      : null;
  const input = parseOrThrow(PurchaseOrderInput, {
    date: day.date,
    supplier,
    warehouse,
    ...(kind === 'regular' ? {} : { memo: ORDER_MEMO[kind] }),
    lines: lines.map((line) => ({
      item: line.item.sku,
      quantity: String(line.open),
      ...(expected ? { expected_date: expected } : {}),
    })),
  });
  // A regular order is approved (its answer is noted the next morning) and sent the next business day; an
  // express order at once, as today's documents after it need its delivery.
  const post = isExpress ? sim.supply.documents.post : sim.supply.documents.postAndNote;
  post.call(
    sim.supply.documents,
    BUYER,
    (actor) => purchaseOrderCommand(actor, input),
    (body) => {
      const order: PlacedOrder = { number: String(body.number), supplier, warehouse, lines };
      approve(sim, day, order.number, body.required_approvals as string[]);
      // An express order goes out at once; the others with the next morning's mail.
      if (isExpress) send(sim, day, order.number);
      else sim.schedule.at(sim.calendar.businessDayAfter(day, 1), (on) => send(sim, on, order.number));
      const all = lines.map((line) => ({ line, quantity: line.open }));
      if (isExpress) receive(sim, day, order, all, { mayReject: false, isInStock: true });
      // The first lots of next year come after the simulated year.
      else if (kind === 'regular') planDeliveries(sim, day, order);
    },
  );
}

const APPROVER: Record<string, DemoActor> = { purchasing: PURCHASING_LEAD, finance: CONTROLLER };

function approve(sim: Sim, day: Day, number: string, approvals: readonly string[]): void {
  const documents = sim.supply.documents;
  const input = { date: day.date };
  // An order below every approval threshold is released by the buyer; above one, by the roles required.
  if (approvals.length === 0) {
    documents.post(BUYER, (actor) => orderActionCommand(actor, number, 'approve', input));
  }
  for (const role of approvals) {
    const approver = APPROVER[role] ?? CONTROLLER;
    documents.post(approver, (actor) => orderActionCommand(actor, number, 'approve', input));
  }
}

function send(sim: Sim, day: Day, number: string): void {
  const input = { date: day.date };
  sim.supply.documents.post(BUYER, (actor) => orderActionCommand(actor, number, 'send', input));
}

/** Deliveries on the expected date give or take a few days; a quarter of the orders come in two parts. */
function planDeliveries(sim: Sim, day: Day, order: PlacedOrder): void {
  const lead = Math.max(...order.lines.map((line) => line.item.leadTimeDays));
  const drift = sim.rng.chance(80) ? 0 : sim.rng.int(-2, 4);
  const first = sim.calendar.businessDayAfter(day, Math.max(1, lead + drift));
  if (!sim.rng.chance(SPLIT_DELIVERY_PERCENT)) {
    sim.schedule.at(first, (on) => deliverRest(sim, on, order, true));
    return;
  }
  const part = sim.rng.int(50, 80);
  sim.schedule.at(first, (on) => {
    const deliveries = order.lines.map((line) => ({ line, quantity: Math.ceil((line.open * part) / 100) }));
    receive(sim, on, order, deliveries, { mayReject: true, isInStock: false });
    sim.schedule.at(sim.calendar.businessDayAfter(on, sim.rng.int(3, 8)), (later) =>
      deliverRest(sim, later, order, true),
    );
  });
}

function deliverRest(sim: Sim, day: Day, order: PlacedOrder, mayReject: boolean): void {
  const deliveries = order.lines
    .filter((line) => line.open > 0)
    .map((line) => ({ line, quantity: line.open }));
  if (deliveries.length > 0) receive(sim, day, order, deliveries, { mayReject, isInStock: false });
}

/** A goods receipt; what inspection rejects stays open on the order and is replaced within two weeks. */
function receive(
  sim: Sim,
  day: Day,
  order: PlacedOrder,
  deliveries: Delivery[],
  { mayReject, isInStock }: { mayReject: boolean; isInStock: boolean },
): void {
  let rejectedAny = false;
  const invoiced: Billed[] = [];
  const lines = deliveries.map(({ line, quantity }, index) => {
    const rejected =
      mayReject && quantity > 1 && sim.rng.chance(REJECTION_PERCENT)
        ? Math.min(quantity - 1, Math.max(1, Math.round((quantity * sim.rng.int(3, 15)) / 100)))
        : 0;
    const accepted = quantity - rejected;
    rejectedAny ||= rejected > 0;
    line.open -= accepted;
    sim.supply.noteOrdered(line.item.sku, -accepted);
    // Express deliveries were counted as stock when ordered.
    if (!isInStock) sim.supply.move(line.item.sku, order.warehouse, accepted);
    invoiced.push({ order: order.number, line, quantity: accepted });
    return {
      order_line: line.lineNo,
      received: String(quantity),
      rejected: String(rejected),
      ...batchOf(line.item, day, index),
    };
  });
  const input = parseOrThrow(GoodsReceiptInput, {
    date: day.date,
    order: order.number,
    delivery_note: nextReference(sim, 'DN'),
    lines,
  });
  sim.supply.documents.post(STOREKEEPER, (actor) => goodsReceiptCommand(actor, input));
  if (rejectedAny) {
    const replaced = sim.calendar.businessDayAfter(day, sim.rng.int(5, 12));
    sim.schedule.at(replaced, (on) => deliverRest(sim, on, order, false));
  }
  billLater(sim, day, order.supplier, invoiced);
}

function batchOf(item: StockItem, day: Day, index: number): { batch?: string; expiry?: string } {
  if (item.shelfLifeDays === undefined) return {};
  const batch = `${item.sku.slice(3, 6)}-${day.date.replaceAll('-', '').slice(2)}-${index + 1}`;
  return { batch, expiry: addDays(day.date, item.shelfLifeDays) };
}
