// The demo company's purchasing master data: the warehouses, the goods suppliers and the stock items as of the
// first day of the year (each item's reorder point and lot from its stock target), the suppliers' price rises
// from July, and which supplier an item is bought from. Orders and deliveries are in purchasing.ts.
import {
  ItemInput,
  itemCommand,
  formatMoney as money,
  parseOrThrow,
  SupplierInput,
  supplierCommand,
  WarehouseInput,
  warehouseCommand,
} from '../../ingest/index.ts';
import type { Day } from './calendar.ts';
import { type Sim, scaled } from './context.ts';
import { BUYER, STOREKEEPER } from './documents.ts';
import { STOCK_TARGETS } from './profile.ts';
import {
  MIDYEAR_PRICE_RISES_BP,
  STOCK_ITEMS,
  type StockItem,
  SUPPLIER_TERMS,
  WAREHOUSES,
} from './stock-catalogue.ts';

/**
 * The weekly ordering run reorders an item once its stock on hand and on order falls to REORDER_AT_PERCENT of
 * its target, and orders up to ORDER_UP_TO_PERCENT: lots of two to three weeks of use.
 */
export const REORDER_AT_PERCENT = 90;
export const ORDER_UP_TO_PERCENT = 150;
/** Goods suppliers an item's default supplier is chosen among, per kind: the company concentrates its buying. */
const MAIN_SUPPLIERS_PER_KIND = 3;
/** Consumables the company keeps, in cents at the small scale. */
const CONSUMABLES_TARGET_CENTS = 6_000_00n;

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

export function suppliersOf(sim: Sim, kind: 'raw' | 'merchandise'): string[] {
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
export function defaultSupplier(sim: Sim, item: StockItem): string {
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

export function roundToPack(item: StockItem, quantity: number): number {
  return Math.max(item.packSize, Math.ceil(quantity / item.packSize) * item.packSize);
}
