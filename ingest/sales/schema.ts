// Input shapes of order to cash: sales orders and their state changes, shipments, customer invoices, credit
// notes and customer receipts.
import { z } from 'zod';
import { DOCUMENT_LINES_MAX } from '../inventory/schema.ts';
import { PositiveQuantity, UnitPrice } from '../masterdata/schema.ts';
import { Code, IsoDate, Money, Text } from '../validation.ts';

/** Invoices one receipt may settle at most. */
export const RECEIPT_ALLOCATIONS_MAX = 200;
/** Shipments one invoice may bill at most. */
export const INVOICE_SHIPMENTS_MAX = 100;

const Lines = <T extends z.ZodType>(line: T) => z.array(line).min(1).max(DOCUMENT_LINES_MAX);
const LineNo = z.number().int().min(1).max(DOCUMENT_LINES_MAX);
/** A discount in percent with at most two decimals. */
const DiscountPercent = z.number().min(0).max(100).multipleOf(0.01);

export const SalesOrderLineInput = z.strictObject({
  item: Code,
  quantity: PositiveQuantity,
  unit_price: UnitPrice,
  discount_percent: DiscountPercent.default(0),
  /** A code of ref.tax_codes (seeds/tax_codes.csv). */
  tax_code: Code.default('standard'),
  /** Left out: the order's requested date, else the order date. */
  promised_date: IsoDate.optional(),
});

export const SalesOrderInput = z.strictObject({
  date: IsoDate,
  customer: Code,
  /** Where the goods ship from. */
  warehouse: Code,
  requested_date: IsoDate.optional(),
  customer_reference: Text.optional(),
  memo: Text.optional(),
  lines: Lines(SalesOrderLineInput),
});
export type SalesOrderInput = z.output<typeof SalesOrderInput>;

export const SALES_ORDER_ACTIONS = ['confirm', 'close', 'cancel'] as const;
export type SalesOrderAction = (typeof SALES_ORDER_ACTIONS)[number];

export const SalesOrderActionInput = z.strictObject({
  /** When it happened; defaults to today. */
  date: IsoDate.optional(),
  reason: Text.optional(),
  /** Confirm beyond the customer's credit limit: a member of `sales` (not the order's creator) or admin. */
  override_credit_limit: z.boolean().default(false),
});
export type SalesOrderActionInput = z.output<typeof SalesOrderActionInput>;

export const ShipmentInput = z.strictObject({
  date: IsoDate,
  order: Code,
  /** Left out: the order's warehouse. */
  warehouse: Code.optional(),
  carrier: Text.optional(),
  lines: Lines(
    z.strictObject({
      order_line: LineNo,
      quantity: PositiveQuantity,
      /** Batch-tracked items: the batch to ship; left out, the earliest expiry goes first. */
      batch: Code.optional(),
    }),
  ),
});
export type ShipmentInput = z.output<typeof ShipmentInput>;

export const CustomerInvoiceInput = z.strictObject({
  date: IsoDate,
  order: Code,
  /** Only these shipments of the order; left out, every delivered line not invoiced yet. */
  shipments: z.array(Code).min(1).max(INVOICE_SHIPMENTS_MAX).optional(),
  /** Left out: the invoice date plus the customer's payment terms. */
  due_date: IsoDate.optional(),
});
export type CustomerInvoiceInput = z.output<typeof CustomerInvoiceInput>;

export const CreditNoteInput = z.strictObject({
  date: IsoDate,
  invoice: Code,
  reason: Text,
  /** True (default): the goods come back into stock at the cost they left with; false: a price allowance. */
  returns_stock: z.boolean().default(true),
  /** Left out: the warehouse the goods were shipped from. */
  warehouse: Code.optional(),
  lines: Lines(
    z.strictObject({
      invoice_line: LineNo,
      quantity: PositiveQuantity,
      /** Batch-tracked items coming back: the batch they return into. */
      batch: Code.optional(),
    }),
  ),
});
export type CreditNoteInput = z.output<typeof CreditNoteInput>;

export const CustomerReceiptInput = z.strictObject({
  date: IsoDate,
  customer: Code,
  /** What came in; what the allocations leave over stays unallocated on the customer's account. */
  amount: Money,
  /** Left out: the `bank` posting rule. */
  bank_account: Code.optional(),
  allocations: z
    .array(z.strictObject({ invoice: Code, amount: Money }))
    .max(RECEIPT_ALLOCATIONS_MAX)
    .default([]),
});
export type CustomerReceiptInput = z.output<typeof CustomerReceiptInput>;
