// Shapes of the purchasing, inventory and master-data responses, for the OpenAPI document only.
import { z } from 'zod';

const Amount = z.string().describe('decimal string with two decimals, e.g. "1234.50"');
const Quantity = z.string().describe('decimal string with three decimals, e.g. "12.500"');
const Price = z.string().describe('decimal string with six decimals, e.g. "12.500000"');
const Versions = z.array(z.record(z.string(), z.unknown())).describe('every version, newest first');

export const ItemAnswer = z.object({
  sku: z.string(),
  version: z.number().int(),
  valid_from: z.string(),
  name: z.string(),
  unit: z.string(),
  category: z.string(),
  valuation_method: z.enum(['fifo', 'moving_average']),
  is_batch_tracked: z.boolean(),
  reorder_point: Quantity,
  reorder_quantity: Quantity,
  lead_time_days: z.number().int(),
  purchase_price: Price,
  default_supplier: z.string().nullable(),
  inventory_account: z.string(),
  expense_account: z.string(),
  is_active: z.boolean(),
  versions: Versions.optional(),
});

export const WarehouseAnswer = z.object({
  code: z.string(),
  version: z.number().int(),
  valid_from: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  is_active: z.boolean(),
  versions: Versions.optional(),
});

export const SupplierAnswer = z.object({
  code: z.string(),
  version: z.number().int(),
  valid_from: z.string(),
  name: z.string(),
  currency: z.string(),
  payment_terms_days: z.number().int(),
  payables_account: z.string(),
  price_tolerance_percent: z.string(),
  receipt_tolerance_percent: z.string(),
  is_active: z.boolean(),
  versions: Versions.optional(),
});

const Journal = z.object({ number: z.string(), date: z.string(), total: Amount, line_count: z.number() });

export const StockMoveAnswer = z.object({
  line_no: z.number().int(),
  move_type: z.string(),
  item: z.string(),
  warehouse: z.string(),
  batch: z.string().nullable(),
  quantity: Quantity.describe('signed: positive in, negative out'),
  unit_cost: Price,
  value: Amount.describe('signed'),
});

export const DocumentPosted = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string().optional(),
  moves: z.array(StockMoveAnswer).optional(),
  journal: Journal.nullable().optional(),
});

export const DocumentAnswer = z.record(z.string(), z.unknown()).describe('the document as posted');
