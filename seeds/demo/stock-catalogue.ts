// The demo company's stock as master data: its two warehouses, the raw materials, consumables and
// merchandise it keeps, and how its goods suppliers deliver and invoice. Prices are cents per unit at list;
// quantities are whole units. Larger scales buy more of the same items, not more items.
import { CATALOGUE } from './profile.ts';

export const MAIN_WAREHOUSE = 'WH-BRE';
export const MAINTENANCE_STORE = 'WH-MNT';

export const WAREHOUSES = [
  { code: MAIN_WAREHOUSE, name: 'Central warehouse Bremen', address: 'Hafenstraße 12, 28217 Bremen' },
  { code: MAINTENANCE_STORE, name: 'Maintenance store (plant)', address: 'Hafenstraße 14, 28217 Bremen' },
] as const;

/** What an item is for: production input, maintenance or office use, or resale. */
export type StockRole = 'raw' | 'consumable' | 'merchandise';

export interface StockItem {
  sku: string;
  name: string;
  unit: string;
  role: StockRole;
  category: string;
  valuation: 'fifo' | 'moving_average';
  /** Days from receipt to expiry; set for batch-tracked items only. */
  shelfLifeDays?: number;
  /** Purchase price at the start of the year, cents per unit. */
  priceCents: bigint;
  leadTimeDays: number;
  /** Raw materials: share of material cost in basis points; others: share of their kind's stock target. */
  shareBp: number;
  inventoryAccount: string;
  expenseAccount: string;
  /** Orders are rounded up to whole packs. */
  packSize: number;
}

type Row = [string, string, string, 'fifo' | 'moving_average', number | null, bigint, number, number, number];

const RAW: readonly Row[] = [
  ['RM-STL-SHT', 'Steel sheet S235, 2 mm', 'kg', 'fifo', null, 1_35n, 5, 2_200, 500],
  ['RM-STL-TUB', 'Steel tube 40×40×3', 'm', 'moving_average', null, 6_80n, 6, 1_400, 60],
  ['RM-ALU-PRF', 'Aluminium profile 6060', 'm', 'fifo', null, 9_40n, 8, 1_200, 30],
  ['RM-CU-WIRE', 'Copper wire 2.5 mm²', 'm', 'moving_average', null, 92n, 4, 600, 500],
  ['RM-HYD-OIL', 'Hydraulic oil HLP 46', 'l', 'fifo', 540, 3_60n, 3, 500, 200],
  ['RM-PWD-RAL', 'Powder coating RAL 7035', 'kg', 'fifo', 365, 11_50n, 7, 700, 25],
  ['RM-ADH-EPX', 'Epoxy adhesive cartridge', 'pcs', 'fifo', 270, 14_20n, 5, 400, 12],
  ['RM-GSK-SET', 'Gasket set NBR', 'pcs', 'moving_average', null, 2_40n, 4, 600, 50],
  ['RM-BRG-620', 'Deep-groove ball bearing 6205', 'pcs', 'fifo', null, 3_15n, 6, 1_000, 100],
  ['RM-CST-GHB', 'Cast gear housing blank', 'pcs', 'fifo', null, 38_00n, 10, 1_400, 4],
];

const CONSUMABLES: readonly [...Row, string][] = [
  ['CS-CUT-FLD', 'Cutting fluid concentrate', 'l', 'moving_average', 365, 4_80n, 5, 3_000, 20, '6330'],
  ['CS-LUB-GRS', 'Lubricating grease cartridge', 'pcs', 'moving_average', null, 6_90n, 4, 2_500, 10, '6330'],
  ['CS-VBL-SPA', 'V-belt SPA 1250', 'pcs', 'fifo', null, 12_40n, 7, 2_000, 5, '6330'],
  ['CS-PPR-A4', 'Copy paper A4 (box of 2 500)', 'box', 'moving_average', null, 21_00n, 3, 1_500, 2, '6370'],
  ['CS-TNR-BLK', 'Toner cartridge, black', 'pcs', 'fifo', null, 64_00n, 5, 1_000, 2, '6370'],
];

/** Merchandise keeps the sales catalogue's SKU and purchase cost; these say how it is kept. */
const MERCHANDISE_KEEPING: Record<
  string,
  { unit: string; valuation: 'fifo' | 'moving_average'; lead: number }
> = {
  'TR-BRG-010': { unit: 'box', valuation: 'fifo', lead: 5 },
  'TR-FST-020': { unit: 'kit', valuation: 'moving_average', lead: 4 },
  'TR-SNS-030': { unit: 'pcs', valuation: 'fifo', lead: 9 },
  'TR-MOT-040': { unit: 'pcs', valuation: 'moving_average', lead: 12 },
  'TR-PLC-050': { unit: 'pcs', valuation: 'fifo', lead: 10 },
};

function fromRow(row: Row, role: StockRole, inventoryAccount: string, expenseAccount: string): StockItem {
  const [sku, name, unit, valuation, shelfLife, priceCents, leadTimeDays, shareBp, packSize] = row;
  return {
    sku,
    name,
    unit,
    role,
    category: role === 'raw' ? 'RAW' : 'CONSUMABLE',
    valuation,
    ...(shelfLife === null ? {} : { shelfLifeDays: shelfLife }),
    priceCents,
    leadTimeDays,
    shareBp,
    inventoryAccount,
    expenseAccount,
    packSize,
  };
}

function merchandise(): StockItem[] {
  const sold = CATALOGUE.filter((item) => item.kind === 'merchandise');
  // Sales pick catalogue lines evenly with 1..max units, so expected cost per item ∝ (max + 1) × cost.
  const weight = (item: (typeof sold)[number]) => BigInt(item.maxQuantity + 1) * item.costCents;
  const total = sold.reduce((sum, item) => sum + weight(item), 0n);
  return sold.map((item) => {
    const keeping = MERCHANDISE_KEEPING[item.sku] ?? { unit: 'pcs', valuation: 'fifo', lead: 7 };
    return {
      sku: item.sku,
      name: item.name,
      unit: keeping.unit,
      role: 'merchandise',
      category: 'MERCHANDISE',
      valuation: keeping.valuation,
      priceCents: item.costCents,
      leadTimeDays: keeping.lead,
      shareBp: Number((weight(item) * 10_000n) / total),
      inventoryAccount: '1340',
      expenseAccount: '5120',
      packSize: 1,
    };
  });
}

export const STOCK_ITEMS: readonly StockItem[] = [
  ...RAW.map((row) => fromRow(row, 'raw', '1310', '6370')),
  ...CONSUMABLES.map((row) => fromRow(row.slice(0, 9) as unknown as Row, 'consumable', '1310', row[9])),
  ...merchandise(),
];

/** Raw materials whose list price rises from July (supplier price increases), in basis points. */
export const MIDYEAR_PRICE_RISES_BP: Readonly<Record<string, bigint>> = {
  'RM-STL-SHT': 600n,
  'RM-CU-WIRE': 900n,
  'RM-CST-GHB': 350n,
};

/** How goods suppliers deliver and invoice: payment terms and the tolerances three-way matching allows. */
export const SUPPLIER_TERMS = {
  raw: { paymentTermsDays: 30, priceTolerancePercent: 2, receiptTolerancePercent: 5 },
  merchandise: { paymentTermsDays: 14, priceTolerancePercent: 2, receiptTolerancePercent: 0 },
} as const;
