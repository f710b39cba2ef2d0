// Purchasing in the demo: master data on the first day, reorders when stock runs low (an order per supplier,
// approved when the rules ask for it, then sent), deliveries on or near the expected date (some in two parts,
// some with goods rejected at inspection and replaced). Their invoices and payments are in payables.ts.
import {
  GoodsReceiptInput,
  goodsReceiptCommand,
  ItemInput,
  itemCommand,
  formatMoney as money,
  orderActionCommand,
  PurchaseOrderInput,
  parseOrThrow,
  purchaseOrderCommand,
  SupplierInput,
  supplierCommand,
  WarehouseInput,
  warehouseCommand,
} from '../../ingest/index.ts';
import { addDays, type Day, weekdayOf } from './calendar.ts';
import { nextReference, type Sim, scaled } from './context.ts';
import { BUYER, CONTROLLER, type DemoActor, PURCHASING_LEAD, STOREKEEPER } from './documents.ts';
import { billLater } from './payables.ts';
import { SEASONALITY_PERCENT, STOCK_TARGETS } from './profile.ts';
import {
  MAIN_WAREHOUSE,
  MIDYEAR_PRICE_RISES_BP,
  STOCK_ITEMS,
  type StockItem,
  SUPPLIER_TERMS,
  WAREHOUSES,
} from './stock-catalogue.ts';
import type { Billed } from './supply-chain.ts';

/**
 * The weekly ordering run reorders an item once its stock on hand and on order falls to REORDER_AT_PERCENT of
 * its target, and orders up to ORDER_UP_TO_PERCENT: lots of two to three weeks of use.
 */
const REORDER_AT_PERCENT = 90;
const ORDER_UP_TO_PERCENT = 150;
/** Goods suppliers an item's default supplier is chosen among, per kind: the company concentrates its buying. */
const MAIN_SUPPLIERS_PER_KIND = 3;
/** Consumables the company keeps, in cents at the small scale. */
const CONSUMABLES_TARGET_CENTS = 6_000_00n;
/** Chances in percent: an order delivered in two parts, a line partly rejected at inspection. */
const SPLIT_DELIVERY_PERCENT = 20;
const REJECTION_PERCENT = 7;

const SUPPLIER_NAMES = {
  raw: [
    'Stahlhandel Weser',
    'Nordmetall Hamburg',
    'Kupfer & Draht Lübeck',
    'Chemie Service Elbe',
    'Lager-Technik Kassel',
  ],
  merchandise: [
    'Antriebstechnik Rhein',
    'Sensorik Süd',
    'Verbindungselemente Ruhr',
    'Steuerungsbau Sachsen',
    'Industriebedarf Ems',
  ],
} as const;

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

/** Warehouses, goods suppliers and stock items, as of the first day of the year. */
export function setUpMasterData(sim: Sim): void {
  const valid_from = `${sim.year}-01-01`;
  const documents = sim.supply.documents;
  for (const warehouse of WAREHOUSES) {
    const input = parseOrThrow(WarehouseInput, { ...warehouse, valid_from });
    const { code, ...fields } = input;
    documents.post(STOREKEEPER, (actor) => warehouseCommand(actor, code, fields, true));
  }
  for (const kind of ['raw', 'merchandise'] as const) {
    for (const [index, code] of suppliersOf(sim, kind).entries()) {
      createSupplier(sim, kind, code, index, valid_from);
    }
  }
  for (const item of STOCK_ITEMS) postItem(sim, item, valid_from, item.priceCents, true);
}

function suppliersOf(sim: Sim, kind: 'raw' | 'merchandise'): string[] {
  return kind === 'raw' ? sim.parties.rawSuppliers : sim.parties.merchandiseSuppliers;
}

function createSupplier(
  sim: Sim,
  kind: 'raw' | 'merchandise',
  code: string,
  index: number,
  valid_from: string,
) {
  const names = SUPPLIER_NAMES[kind];
  const round = Math.floor(index / names.length);
  const name = `${names[index % names.length]} GmbH${round > 0 ? ` (${round + 1})` : ''}`;
  const terms = SUPPLIER_TERMS[kind];
  const input = parseOrThrow(SupplierInput, {
    code,
    name,
    currency: 'EUR',
    payment_terms_days: terms.paymentTermsDays,
    price_tolerance_percent: terms.priceTolerancePercent,
    receipt_tolerance_percent: terms.receiptTolerancePercent,
    valid_from,
  });
  const { code: _, ...fields } = input;
  sim.supply.documents.post(BUYER, (actor) => supplierCommand(actor, code, fields, true));
}

/** An item's default supplier: raw materials and consumables from the raw suppliers, merchandise from its own. */
function defaultSupplier(sim: Sim, item: StockItem): string {
  const suppliers = suppliersOf(sim, item.role === 'merchandise' ? 'merchandise' : 'raw');
  const index = STOCK_ITEMS.filter(
    (other) => (other.role === 'merchandise') === (item.role === 'merchandise'),
  )
    .map((other) => other.sku)
    .indexOf(item.sku);
  return suppliers[index % Math.min(MAIN_SUPPLIERS_PER_KIND, suppliers.length)] as string;
}

function postItem(sim: Sim, item: StockItem, valid_from: string, priceCents: bigint, isCreate: boolean) {
  const target = targetUnits(sim, item, 100);
  const input = parseOrThrow(ItemInput, {
    sku: item.sku,
    name: item.name,
    unit: item.unit,
    category: item.category,
    valuation_method: item.valuation,
    is_batch_tracked: item.shelfLifeDays !== undefined,
    reorder_point: String(Math.ceil((target * REORDER_AT_PERCENT) / 100)),
    reorder_quantity: String(roundToPack(item, ((ORDER_UP_TO_PERCENT - REORDER_AT_PERCENT) * target) / 100)),
    lead_time_days: item.leadTimeDays,
    purchase_price: money(priceCents),
    default_supplier: defaultSupplier(sim, item),
    inventory_account: item.inventoryAccount,
    expense_account: item.expenseAccount,
    valid_from,
  });
  const { sku, ...fields } = input;
  sim.supply.documents.post(BUYER, (actor) => itemCommand(actor, sku, fields, isCreate));
}

/** Supplier price rises from July: a new version of each item affected, and new orders at the new price. */
export function raisePrices(sim: Sim, day: Day): void {
  for (const item of STOCK_ITEMS) {
    const rise = MIDYEAR_PRICE_RISES_BP[item.sku];
    if (rise === undefined) continue;
    const price = (item.priceCents * (10_000n + rise) + 5_000n) / 10_000n;
    sim.supply.setPrice(item.sku, price);
    postItem(sim, item, day.date, price, false);
  }
}

/** Units of an item the company wants on hand at `seasonPercent` of its base demand. */
export function targetUnits(sim: Sim, item: StockItem, seasonPercent: number): number {
  const base =
    item.role === 'raw'
      ? STOCK_TARGETS.rawMaterials
      : item.role === 'merchandise'
        ? STOCK_TARGETS.merchandise
        : CONSUMABLES_TARGET_CENTS;
  const cents = (scaled(sim, base) * BigInt(seasonPercent) * BigInt(item.shareBp)) / 1_000_000n;
  return Number(cents / item.priceCents);
}

function roundToPack(item: StockItem, quantity: number): number {
  return Math.max(item.packSize, Math.ceil(quantity / item.packSize) * item.packSize);
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
  for (const [supplier, lines] of bySupplier) placeOrder(sim, day, supplier, lines, false);
}

/** Makes sure `need` units are in `warehouse` now: what is missing comes by express delivery today. */
export function ensureAvailable(sim: Sim, day: Day, item: StockItem, warehouse: string, need: number): void {
  const missing = need - sim.supply.quantity(item.sku, warehouse);
  if (missing <= 0) return;
  const season = SEASONALITY_PERCENT[day.month - 1] ?? 100;
  const quantity = roundToPack(item, missing + Math.ceil(targetUnits(sim, item, season) / 4));
  placeOrder(sim, day, defaultSupplier(sim, item), [{ item, quantity }], true, warehouse);
}

function placeOrder(
  sim: Sim,
  day: Day,
  supplier: string,
  wanted: Array<{ item: StockItem; quantity: number }>,
  isExpress: boolean,
  warehouse = MAIN_WAREHOUSE,
): void {
  const lines: OrderLine[] = wanted.map(({ item, quantity }, index) => {
    sim.supply.noteOrdered(item.sku, quantity);
    return { lineNo: index + 1, item, open: quantity, priceCents: sim.supply.price(item) };
  });
  // An express order is delivered today: its stock counts as there from now on.
  if (isExpress) for (const line of lines) sim.supply.move(line.item.sku, warehouse, line.open);
  const input = parseOrThrow(PurchaseOrderInput, {
    date: day.date,
    supplier,
    warehouse,
    ...(isExpress ? { memo: 'Express order: delivered today' } : {}),
    lines: lines.map((line) => ({
      item: line.item.sku,
      quantity: String(line.open),
      ...(isExpress ? { expected_date: day.date } : {}),
    })),
  });
  // A regular order is approved and sent at the end of the day; an express order at once, as today's
  // documents after it need its delivery.
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
      else planDeliveries(sim, day, order);
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
