// Master data held by the writer: the current version of every item, warehouse, supplier and customer, rebuilt from
// facts at startup, so that documents are checked against it without a query.
import type { Database, Row } from '../db/database.ts';
import type { ValuationMethod } from '../inventory/valuation.ts';

export interface ItemRecord {
  sku: string;
  version: number;
  validFrom: string;
  name: string;
  unit: string;
  category: string;
  valuationMethod: ValuationMethod;
  isBatchTracked: boolean;
  /** Thousandths of the unit. */
  reorderPoint: bigint;
  reorderQuantity: bigint;
  leadTimeDays: number;
  /** Millionths of the currency per unit. */
  purchasePrice: bigint;
  defaultSupplier: string | null;
  inventoryAccount: string;
  expenseAccount: string;
  isActive: boolean;
}

export interface WarehouseRecord {
  code: string;
  version: number;
  validFrom: string;
  name: string;
  address: string | null;
  isActive: boolean;
}

export interface SupplierRecord {
  code: string;
  version: number;
  validFrom: string;
  name: string;
  currency: string;
  paymentTermsDays: number;
  payablesAccount: string;
  priceTolerancePercent: number;
  receiptTolerancePercent: number;
  isActive: boolean;
}

export interface CustomerRecord {
  code: string;
  version: number;
  validFrom: string;
  name: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  billingAddress: string | null;
  shippingAddress: string | null;
  currency: string;
  paymentTermsDays: number;
  creditRating: string;
  /** Cents; open receivables + open orders may not exceed it without an override. */
  creditLimit: bigint;
  salesperson: string | null;
  segment: string;
  receivablesAccount: string;
  isActive: boolean;
}

const text = (value: unknown): string => String(value);
const optional = (value: unknown): string | null => (value === null ? null : String(value));
/** A DECIMAL read back as text into an integer of `scale` decimals: ("12.5", 3) → 12500n. */
export function scaled(value: unknown, scale: number): bigint {
  const [whole = '0', fraction = ''] = String(value).split('.');
  return BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
}
/** Thousandths of a unit from a DECIMAL(18,3). */
export const milli = (value: unknown): bigint => scaled(value, 3);
/** Millionths of the currency from a DECIMAL(18,6). */
export const micros = (value: unknown): bigint => scaled(value, 6);

export function itemFromRow(row: Row): ItemRecord {
  return {
    sku: text(row.sku),
    version: Number(row.version),
    validFrom: text(row.valid_from),
    name: text(row.item_name),
    unit: text(row.unit),
    category: text(row.category),
    valuationMethod: text(row.valuation_method) as ValuationMethod,
    isBatchTracked: Boolean(row.is_batch_tracked),
    reorderPoint: milli(row.reorder_point),
    reorderQuantity: milli(row.reorder_quantity),
    leadTimeDays: Number(row.lead_time_days),
    purchasePrice: micros(row.purchase_price),
    defaultSupplier: optional(row.default_supplier),
    inventoryAccount: text(row.inventory_account),
    expenseAccount: text(row.expense_account),
    isActive: Boolean(row.is_active),
  };
}

export function warehouseFromRow(row: Row): WarehouseRecord {
  return {
    code: text(row.warehouse_code),
    version: Number(row.version),
    validFrom: text(row.valid_from),
    name: text(row.warehouse_name),
    address: optional(row.address),
    isActive: Boolean(row.is_active),
  };
}

export function supplierFromRow(row: Row): SupplierRecord {
  return {
    code: text(row.supplier_code),
    version: Number(row.version),
    validFrom: text(row.valid_from),
    name: text(row.supplier_name),
    currency: text(row.currency),
    paymentTermsDays: Number(row.payment_terms_days),
    payablesAccount: text(row.payables_account),
    priceTolerancePercent: Number(row.price_tolerance_percent),
    receiptTolerancePercent: Number(row.receipt_tolerance_percent),
    isActive: Boolean(row.is_active),
  };
}

export function customerFromRow(row: Row): CustomerRecord {
  return {
    code: text(row.customer_code),
    version: Number(row.version),
    validFrom: text(row.valid_from),
    name: text(row.customer_name),
    contactName: optional(row.contact_name),
    email: optional(row.email),
    phone: optional(row.phone),
    billingAddress: optional(row.billing_address),
    shippingAddress: optional(row.shipping_address),
    currency: text(row.currency),
    paymentTermsDays: Number(row.payment_terms_days),
    creditRating: text(row.credit_rating),
    creditLimit: scaled(row.credit_limit, 2),
    salesperson: optional(row.salesperson),
    segment: text(row.segment),
    receivablesAccount: text(row.receivables_account),
    isActive: Boolean(row.is_active),
  };
}

/** The latest version of each key of a versioned master-data table. */
const latest = (table: string, key: string) =>
  `select * from facts.${table} qualify row_number() over (partition by ${key} order by version desc) = 1`;

export class MasterData {
  readonly items = new Map<string, ItemRecord>();
  readonly warehouses = new Map<string, WarehouseRecord>();
  readonly suppliers = new Map<string, SupplierRecord>();
  readonly customers = new Map<string, CustomerRecord>();

  async load(db: Database): Promise<void> {
    const [items, warehouses, suppliers, customers] = await Promise.all([
      db.query(latest('items', 'sku')),
      db.query(latest('warehouses', 'warehouse_code')),
      db.query(latest('suppliers', 'supplier_code')),
      db.query(latest('customers', 'customer_code')),
    ]);
    for (const row of items) this.items.set(text(row.sku), itemFromRow(row));
    for (const row of warehouses) this.warehouses.set(text(row.warehouse_code), warehouseFromRow(row));
    for (const row of suppliers) this.suppliers.set(text(row.supplier_code), supplierFromRow(row));
    for (const row of customers) this.customers.set(text(row.customer_code), customerFromRow(row));
  }
}
