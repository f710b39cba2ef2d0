// Input shapes of the master data: items, warehouses and suppliers, each created once and then versioned.
import { z } from 'zod';
import { parsePrice, parseQuantity } from '../inventory/quantity.ts';
import { Code, IsoDate, Money } from '../validation.ts';

/** Characters in a master-data name at most. */
export const NAME_CHARS_MAX = 120;
/** Days of lead time or payment terms at most (a year and a half). */
export const DAYS_MAX = 540;
/** Tolerance percentages at most. */
export const TOLERANCE_PERCENT_MAX = 100;

/** A quantity as a decimal string or number, in thousandths; refuses more than three decimals. */
export const Quantity = z.union([z.string().max(40), z.number()]).transform((value, ctx) => {
  const parsed = parseQuantity(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: parsed.code } });
    return z.NEVER;
  }
  return parsed.milli;
});

/** A positive quantity. */
export const PositiveQuantity = Quantity.refine((milli) => milli > 0n, {
  message: 'a quantity is more than zero',
  params: { code: 'quantity_must_be_positive' },
});

/** A quantity of zero or more. */
export const StockQuantity = Quantity.refine((milli) => milli >= 0n, {
  message: 'a quantity is zero or more',
  params: { code: 'quantity_must_not_be_negative' },
});

/** A unit price in millionths of the currency (DECIMAL(18,6)), zero or more. */
export const UnitPrice = z.union([z.string().max(40), z.number()]).transform((value, ctx) => {
  const parsed = parsePrice(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: parsed.code } });
    return z.NEVER;
  }
  return parsed.micros;
});

const Name = z.string().trim().min(1).max(NAME_CHARS_MAX);
const Percent = z.number().min(0).max(TOLERANCE_PERCENT_MAX).multipleOf(0.01);

/** What an item version says; the SKU is the path or the create body's `sku`. */
export const ItemFields = z.strictObject({
  name: Name,
  unit: Code,
  category: Code,
  valuation_method: z.enum(['fifo', 'moving_average']),
  is_batch_tracked: z.boolean().default(false),
  reorder_point: StockQuantity.default(0n),
  reorder_quantity: StockQuantity.default(0n),
  lead_time_days: z.number().int().min(0).max(DAYS_MAX).default(0),
  purchase_price: UnitPrice.default(0n),
  default_supplier: Code.optional(),
  /** Left out: the `inventory` posting rule (seeds/posting_rules.csv). */
  inventory_account: Code.optional(),
  /** Left out: the `consumption` posting rule. */
  expense_account: Code.optional(),
  is_active: z.boolean().default(true),
  valid_from: IsoDate,
});
export type ItemFields = z.output<typeof ItemFields>;

export const ItemInput = ItemFields.extend({ sku: Code });
export type ItemInput = z.output<typeof ItemInput>;

export const WarehouseFields = z.strictObject({
  name: Name,
  address: z.string().max(300).optional(),
  is_active: z.boolean().default(true),
  valid_from: IsoDate,
});
export type WarehouseFields = z.output<typeof WarehouseFields>;

export const WarehouseInput = WarehouseFields.extend({ code: Code });
export type WarehouseInput = z.output<typeof WarehouseInput>;

export const SupplierFields = z.strictObject({
  name: Name,
  /** ISO 4217; only the company currency is accepted for now (no foreign-currency payables yet). */
  currency: z.string().regex(/^[A-Z]{3}$/),
  payment_terms_days: z.number().int().min(0).max(DAYS_MAX).default(30),
  /** Left out: the `payables` posting rule. */
  payables_account: Code.optional(),
  /** How far an invoice price may differ from the order price and still match. */
  price_tolerance_percent: Percent.default(2),
  /** How far a delivery may exceed the ordered quantity. */
  receipt_tolerance_percent: Percent.default(0),
  is_active: z.boolean().default(true),
  valid_from: IsoDate,
});
export type SupplierFields = z.output<typeof SupplierFields>;

export const SupplierInput = SupplierFields.extend({ code: Code });
export type SupplierInput = z.output<typeof SupplierInput>;

/** Credit ratings, best first; a company's credit policy reads them (the rating does not set the limit). */
export const CREDIT_RATINGS = ['A', 'B', 'C', 'D'] as const;
const Optional = (chars: number) => z.string().trim().min(1).max(chars).optional();

export const CustomerFields = z.strictObject({
  name: Name,
  contact_name: Optional(NAME_CHARS_MAX),
  email: z.email().max(NAME_CHARS_MAX).optional(),
  phone: Optional(40),
  billing_address: Optional(300),
  /** Left out: the billing address. */
  shipping_address: Optional(300),
  /** ISO 4217; only the company currency is accepted for now (no foreign-currency receivables yet). */
  currency: z.string().regex(/^[A-Z]{3}$/),
  payment_terms_days: z.number().int().min(0).max(DAYS_MAX).default(30),
  credit_rating: z.enum(CREDIT_RATINGS).default('B'),
  /** Open receivables plus open orders at most; 0 means every confirmation needs an override. */
  credit_limit: Money,
  salesperson: Code.optional(),
  segment: Code.default('general'),
  /** Left out: the `receivables` posting rule. */
  receivables_account: Code.optional(),
  is_active: z.boolean().default(true),
  valid_from: IsoDate,
});
export type CustomerFields = z.output<typeof CustomerFields>;

export const CustomerInput = CustomerFields.extend({ code: Code });
export type CustomerInput = z.output<typeof CustomerInput>;

export const MasterKey = z.strictObject({ code: Code });
