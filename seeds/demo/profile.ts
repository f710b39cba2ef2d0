// The demo company as data: Northwind Fabrication GmbH, a small maker and trader of machine parts.
// Amounts are integer minor units (cents) at the small scale; larger scales multiply them by `volume`.

export const DEMO_COMPANY = 'Northwind Fabrication GmbH';

export const SCALES = {
  small: { volume: 1 },
  medium: { volume: 10 },
  large: { volume: 100 },
} as const;
export type Scale = keyof typeof SCALES;

/** German standard VAT rate, in basis points. */
export const VAT_BP = 1_900n;

/** Orders per business day at the small scale, before seasonality. */
export const ORDERS_PER_BUSINESS_DAY = 2.2;
/** Supplier invoices per business day and kind (raw materials, merchandise) at the small scale. */
export const PURCHASES_PER_BUSINESS_DAY = 1;
/** Travel expense claims per month at the small scale. */
export const TRAVEL_CLAIMS_PER_MONTH = 3;

/** Demand by month in percent of the base rate: a quiet summer and a strong fourth quarter. */
export const SEASONALITY_PERCENT = [85, 90, 100, 100, 100, 95, 85, 90, 105, 115, 135, 140] as const;

/** Stock the company aims to hold, in cents at 100 % seasonality; replenished every business day. */
export const STOCK_TARGETS = {
  rawMaterials: 90_000_00n,
  finishedGoods: 45_000_00n,
  merchandise: 85_000_00n,
} as const;

export const FINANCING = {
  shareCapital: 500_000_00n,
  termLoan: 1_000_000_00n,
  /** Annual interest on the term loan, basis points. */
  termLoanRateBp: 450n,
  termLoanMonthlyRepayment: 12_500_00n,
  /** The revolving credit line is drawn at month end only to keep the bank balance above this. */
  cashBuffer: 40_000_00n,
  revolverStep: 25_000_00n,
  revolverRateBp: 650n,
} as const;

export interface CatalogueItem {
  sku: string;
  name: string;
  /** 'product' is made in-house (4110/5110/1330); 'merchandise' is bought for resale (4120/5120/1340). */
  kind: 'product' | 'merchandise';
  priceCents: bigint;
  costCents: bigint;
  maxQuantity: number;
}

/** Columns: sku, name, kind, list price, material or purchase cost, most units of it on one order line. */
const CATALOGUE_ROWS: ReadonlyArray<[string, string, CatalogueItem['kind'], bigint, bigint, number]> = [
  ['NF-BRK-100', 'Steel bracket set', 'product', 52_00n, 19_00n, 40],
  ['NF-VLV-210', 'Hydraulic valve block', 'product', 416_00n, 168_00n, 7],
  ['NF-GHS-300', 'Gear housing', 'product', 242_00n, 101_00n, 12],
  ['NF-CAB-400', 'Control cabinet', 'product', 1_566_00n, 655_00n, 3],
  ['NF-CNV-500', 'Conveyor module', 'product', 3_121_00n, 1_310_00n, 2],
  ['NF-ECO-610', 'Eco drive frame', 'product', 691_00n, 272_00n, 5],
  ['TR-BRG-010', 'Bearing box (50)', 'merchandise', 67_00n, 43_00n, 40],
  ['TR-FST-020', 'Fastener kit', 'merchandise', 28_00n, 17_50n, 80],
  ['TR-SNS-030', 'Sensor pack', 'merchandise', 337_00n, 219_00n, 7],
  ['TR-MOT-040', 'Electric motor 2 kW', 'merchandise', 589_00n, 392_00n, 4],
  ['TR-PLC-050', 'PLC controller', 'merchandise', 961_00n, 640_00n, 3],
];

export const CATALOGUE: readonly CatalogueItem[] = CATALOGUE_ROWS.map(
  ([sku, name, kind, priceCents, costCents, maxQuantity]) => ({
    sku,
    name,
    kind,
    priceCents,
    costCents,
    maxQuantity,
  }),
);

export interface StaffUnit {
  department: string;
  cost_center: string;
  headcount: number;
  /** Monthly gross salary per head. */
  grossCents: bigint;
}

export const STAFF: readonly StaffUnit[] = [
  { department: 'ADM', cost_center: 'CC-100', headcount: 1, grossCents: 8_500_00n },
  { department: 'FIN', cost_center: 'CC-110', headcount: 1, grossCents: 4_600_00n },
  { department: 'HR', cost_center: 'CC-100', headcount: 1, grossCents: 3_900_00n },
  { department: 'IT', cost_center: 'CC-100', headcount: 1, grossCents: 4_700_00n },
  { department: 'SAL', cost_center: 'CC-200', headcount: 2, grossCents: 4_100_00n },
  { department: 'SAL', cost_center: 'CC-210', headcount: 1, grossCents: 4_400_00n },
  { department: 'PUR', cost_center: 'CC-300', headcount: 1, grossCents: 3_800_00n },
  { department: 'WHS', cost_center: 'CC-400', headcount: 3, grossCents: 2_950_00n },
  { department: 'PRD', cost_center: 'CC-500', headcount: 4, grossCents: 3_350_00n },
  { department: 'PRD', cost_center: 'CC-510', headcount: 4, grossCents: 3_250_00n },
  { department: 'PRD', cost_center: 'CC-520', headcount: 2, grossCents: 3_600_00n },
  { department: 'PRD', cost_center: 'CC-600', headcount: 1, grossCents: 3_500_00n },
];

/** Payroll shares in basis points of gross pay (German orders of magnitude, simplified). */
export const PAYROLL_BP = { wageTax: 1_750n, employeeSocialSecurity: 2_050n, employerSocialSecurity: 2_100n };
/** Salaries rise by this many basis points from July. */
export const MIDYEAR_RAISE_BP = 300n;

export interface AssetPlan {
  /** MM-DD of acquisition in the simulated year. */
  on: string;
  name: string;
  account: string;
  accumulatedAccount: string;
  netCents: bigint;
  usefulLifeMonths: number;
  /** Bought on credit from this supplier (paid in 30 days), else paid by bank transfer. */
  supplier: string;
  onCredit: boolean;
  department: string;
  cost_center: string;
  project?: string;
}

export const ASSETS: readonly AssetPlan[] = [
  {
    on: '01-08',
    name: 'CNC machining centre',
    account: '1530',
    accumulatedAccount: '1535',
    netCents: 320_000_00n,
    usefulLifeMonths: 120,
    supplier: 'SUPP-0007',
    onCredit: true,
    department: 'PRD',
    cost_center: 'CC-500',
  },
  {
    on: '01-15',
    name: 'Laptops and file server',
    account: '1560',
    accumulatedAccount: '1565',
    netCents: 28_000_00n,
    usefulLifeMonths: 36,
    supplier: 'SUPP-0009',
    onCredit: false,
    department: 'IT',
    cost_center: 'CC-100',
    project: 'PRJ-001',
  },
  {
    on: '02-03',
    name: 'Two delivery vans',
    account: '1540',
    accumulatedAccount: '1545',
    netCents: 78_000_00n,
    usefulLifeMonths: 72,
    supplier: 'SUPP-0008',
    onCredit: false,
    department: 'WHS',
    cost_center: 'CC-400',
  },
  {
    on: '03-10',
    name: 'Office furniture',
    account: '1550',
    accumulatedAccount: '1555',
    netCents: 18_500_00n,
    usefulLifeMonths: 96,
    supplier: 'SUPP-0010',
    onCredit: false,
    department: 'ADM',
    cost_center: 'CC-100',
  },
  {
    on: '06-02',
    name: 'Assembly robot cell',
    account: '1530',
    accumulatedAccount: '1535',
    netCents: 145_000_00n,
    usefulLifeMonths: 120,
    supplier: 'SUPP-0007',
    onCredit: true,
    department: 'PRD',
    cost_center: 'CC-510',
    project: 'PRJ-002',
  },
  {
    on: '09-15',
    name: 'Warehouse scanners',
    account: '1560',
    accumulatedAccount: '1565',
    netCents: 12_000_00n,
    usefulLifeMonths: 36,
    supplier: 'SUPP-0009',
    onCredit: false,
    department: 'WHS',
    cost_center: 'CC-400',
    project: 'PRJ-004',
  },
];

/** Service suppliers with fixed party codes; goods suppliers follow them. */
export const SERVICE_SUPPLIERS = {
  landlord: 'SUPP-0001',
  utilities: 'SUPP-0002',
  marketingAgency: 'SUPP-0003',
  software: 'SUPP-0004',
  insurer: 'SUPP-0005',
  taxAdvisor: 'SUPP-0006',
  machineVendor: 'SUPP-0007',
  vehicleDealer: 'SUPP-0008',
  itHardware: 'SUPP-0009',
  officeFurniture: 'SUPP-0010',
  maintenance: 'SUPP-0011',
} as const;
export const SERVICE_SUPPLIER_COUNT = Object.keys(SERVICE_SUPPLIERS).length;

/** Goods suppliers and customers per unit of volume. */
export const PARTY_COUNTS = { rawSuppliers: 5, merchandiseSuppliers: 5, customers: 40 } as const;
