// Input shapes of the warehouse documents: stock issues (and returns), transfers, counts, balance queries.
import { z } from 'zod';
import { PositiveQuantity, Quantity, UnitPrice } from '../masterdata/schema.ts';
import { Code, IsoDate, Text } from '../validation.ts';

/** Lines in one warehouse document at most. */
export const DOCUMENT_LINES_MAX = 500;
/** Characters naming the person goods are issued to, at most. */
export const PERSON_CHARS_MAX = 120;
/** Rows of a stock-balance answer at most. */
export const BALANCE_ROWS_MAX = 5_000;

const Lines = <T extends z.ZodType>(line: T) => z.array(line).min(1).max(DOCUMENT_LINES_MAX);

export const StockIssueLine = z.strictObject({
  item: Code,
  quantity: PositiveQuantity,
  /** Issue: take this batch (else the earliest expiry, or FIFO). Return: the batch coming back. */
  batch: Code.optional(),
  /** Overrides the document's expense account for this line. */
  expense_account: Code.optional(),
});

export const StockIssueInput = z
  .strictObject({
    kind: z.enum(['issue', 'return']).default('issue'),
    date: IsoDate,
    warehouse: Code,
    /** A return names the issue it gives goods back to. */
    returns: Code.optional(),
    department: Code.optional(),
    cost_center: Code.optional(),
    person: z.string().trim().min(1).max(PERSON_CHARS_MAX).optional(),
    /** Debited by an issue; left out, each item's expense account. */
    expense_account: Code.optional(),
    memo: Text.optional(),
    lines: Lines(StockIssueLine),
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'return' && input.returns === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['returns'],
        message: 'a return names the issue (SIS-…) the goods came from',
        params: { code: 'returned_issue_required' },
      });
    }
    if (input.kind === 'issue' && input.returns !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['returns'],
        message: 'only a return names an issue',
        params: { code: 'returns_only_for_returns' },
      });
    }
  });
export type StockIssueInput = z.output<typeof StockIssueInput>;

export const StockTransferInput = z
  .strictObject({
    date: IsoDate,
    from_warehouse: Code,
    to_warehouse: Code,
    memo: Text.optional(),
    lines: Lines(z.strictObject({ item: Code, quantity: PositiveQuantity, batch: Code.optional() })),
  })
  .refine((input) => input.from_warehouse !== input.to_warehouse, {
    path: ['to_warehouse'],
    message: 'a transfer moves stock between two different warehouses',
    params: { code: 'warehouses_must_differ' },
  });
export type StockTransferInput = z.output<typeof StockTransferInput>;

export const StockCountInput = z.strictObject({
  date: IsoDate,
  warehouse: Code,
  memo: Text.optional(),
  lines: Lines(
    z.strictObject({
      item: Code,
      /** Batch-tracked items are counted per batch. */
      batch: Code.optional(),
      /** The expiry of a batch found that the books do not know. */
      expiry: IsoDate.optional(),
      /** Values a gain at this cost per unit (opening stock, say); else at the current cost. */
      unit_cost: UnitPrice.optional(),
      counted: Quantity.refine((milli) => milli >= 0n, {
        message: 'a counted quantity is zero or more',
        params: { code: 'quantity_must_not_be_negative' },
      }),
    }),
  ),
});
export type StockCountInput = z.output<typeof StockCountInput>;

export const StockBalanceQuery = z.strictObject({
  as_of: IsoDate,
  item: Code.optional(),
  warehouse: Code.optional(),
  limit: z.coerce.number().int().min(1).max(BALANCE_ROWS_MAX).default(BALANCE_ROWS_MAX),
});
export type StockBalanceQuery = z.output<typeof StockBalanceQuery>;
