// Input shapes of purchasing: orders and their state changes, goods receipts, supplier invoices and payments,
// and the purchase plan.
import { z } from 'zod';
import { DOCUMENT_LINES_MAX } from '../inventory/schema.ts';
import { PositiveQuantity, Quantity, UnitPrice } from '../masterdata/schema.ts';
import { Code, IsoDate, Money, Text } from '../validation.ts';

/** Days of demand history the plan looks back by default, and at most. */
export const DEMAND_DAYS_DEFAULT = 90;
export const DEMAND_DAYS_MAX = 730;
/** Allocations in one supplier payment at most. */
export const PAYMENT_ALLOCATIONS_MAX = 200;

const Lines = <T extends z.ZodType>(line: T) => z.array(line).min(1).max(DOCUMENT_LINES_MAX);
const LineNo = z.number().int().min(1).max(DOCUMENT_LINES_MAX);

export const PurchaseOrderLineInput = z.strictObject({
  item: Code,
  quantity: PositiveQuantity,
  /** Left out: the item's purchase price. */
  unit_price: UnitPrice.optional(),
  /** Left out: the order date plus the item's lead time. */
  expected_date: IsoDate.optional(),
});

export const PurchaseOrderInput = z.strictObject({
  date: IsoDate,
  supplier: Code,
  /** Where the goods are delivered. */
  warehouse: Code,
  memo: Text.optional(),
  lines: Lines(PurchaseOrderLineInput),
});
export type PurchaseOrderInput = z.output<typeof PurchaseOrderInput>;

export const ORDER_ACTIONS = ['approve', 'send', 'close', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const OrderActionInput = z.strictObject({
  /** When it happened; defaults to today. */
  date: IsoDate.optional(),
  reason: Text.optional(),
});
export type OrderActionInput = z.output<typeof OrderActionInput>;

export const GoodsReceiptInput = z.strictObject({
  date: IsoDate,
  order: Code,
  /** Left out: the order's warehouse. */
  warehouse: Code.optional(),
  delivery_note: Text.optional(),
  lines: Lines(
    z
      .strictObject({
        order_line: LineNo,
        received: PositiveQuantity,
        /** Refused at inspection; goes back to the supplier and stays open on the order. */
        rejected: Quantity.default(0n),
        batch: Code.optional(),
        expiry: IsoDate.optional(),
      })
      .superRefine((line, ctx) => {
        if (line.rejected < 0n || line.rejected > line.received) {
          ctx.addIssue({
            code: 'custom',
            path: ['rejected'],
            message: 'rejected is between zero and the quantity received',
            params: { code: 'rejected_exceeds_received' },
          });
        }
      }),
  ),
});
export type GoodsReceiptInput = z.output<typeof GoodsReceiptInput>;

export const SupplierInvoiceInput = z.strictObject({
  date: IsoDate,
  supplier: Code,
  /** The supplier's own invoice number; each is booked once. */
  supplier_reference: z.string().trim().min(1).max(64),
  /** Left out: the invoice date plus the supplier's payment terms. */
  due_date: IsoDate.optional(),
  /** Input VAT as stated on the invoice. */
  tax_amount: Money.default(0n),
  lines: Lines(
    z.strictObject({ order: Code, order_line: LineNo, quantity: PositiveQuantity, unit_price: UnitPrice }),
  ),
});
export type SupplierInvoiceInput = z.output<typeof SupplierInvoiceInput>;

export const SupplierPaymentInput = z.strictObject({
  date: IsoDate,
  supplier: Code,
  /** Left out: the `bank` posting rule. */
  bank_account: Code.optional(),
  allocations: z
    .array(z.strictObject({ invoice: Code, amount: Money }))
    .min(1)
    .max(PAYMENT_ALLOCATIONS_MAX),
});
export type SupplierPaymentInput = z.output<typeof SupplierPaymentInput>;

export const PurchasePlanQuery = z.strictObject({
  as_of: IsoDate,
  warehouse: Code.optional(),
  demand_days: z.coerce.number().int().min(1).max(DEMAND_DAYS_MAX).default(DEMAND_DAYS_DEFAULT),
});
export type PurchasePlanQuery = z.output<typeof PurchasePlanQuery>;

export const PlanOrdersInput = z.strictObject({
  /** The order date; the plan is computed as of it. */
  date: IsoDate,
  demand_days: z.number().int().min(1).max(DEMAND_DAYS_MAX).default(DEMAND_DAYS_DEFAULT),
  lines: Lines(
    z.strictObject({
      item: Code,
      warehouse: Code,
      /** Left out: the plan's suggestion. */
      quantity: PositiveQuantity.optional(),
    }),
  ),
});
export type PlanOrdersInput = z.output<typeof PlanOrdersInput>;
