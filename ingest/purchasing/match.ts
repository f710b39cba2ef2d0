// The three-way match of a supplier invoice line: what was ordered (quantity, price), what was received and
// accepted, and what is invoiced. The invoice may bill no more than was received and not yet billed, at a
// price within the tolerance of the order's; the difference to the order price is the price variance.
import type { FieldError } from '../errors.ts';
import { divideRounded, formatMicros, formatQuantity, larger } from '../inventory/quantity.ts';

/** How far an invoice price may stray from the order price and still match (rules as data, per supplier). */
export interface MatchTolerance {
  /** Percent of the order price, e.g. 2 for ±2 %. */
  pricePercent: number;
  /** Or an absolute difference per unit, in millionths of the currency; whichever is larger applies. */
  priceMicros: bigint;
}

export const DEFAULT_MATCH_TOLERANCE: MatchTolerance = { pricePercent: 2, priceMicros: 0n };

export interface OrderLineState {
  /** Thousandths of a unit. */
  ordered: bigint;
  /** Order price per unit in millionths. */
  priceMicros: bigint;
  /** Accepted at inspection, over all receipts. */
  accepted: bigint;
  /** Already billed by earlier invoices. */
  invoiced: bigint;
}

export interface InvoiceLineInput {
  quantity: bigint;
  priceMicros: bigint;
}

export interface Matched {
  /** What the receipt credited to goods received not invoiced for this quantity: quantity × order price. */
  grni: bigint;
  /** What the supplier bills: quantity × invoice price. */
  billed: bigint;
  /** billed − grni: a debit (dearer than ordered) or credit to the price-variance account. */
  variance: bigint;
}

/** The value in cents of `quantity` thousandths at `priceMicros` per unit (rounded half away from zero). */
export function lineValue(quantity: bigint, priceMicros: bigint): bigint {
  // thousandths × millionths = 10⁻⁹ of the currency; cents are 10⁻².
  return divideRounded(quantity * priceMicros, 10_000_000n);
}

/**
 * Matches one invoice line against its order line; returns the amounts to post, or every rule it breaks
 * (`invoice_without_receipt`, `exceeds_received_quantity`, `price_outside_tolerance`) with `path` prefixed.
 */
export function matchInvoiceLine(
  order: OrderLineState,
  line: InvoiceLineInput,
  tolerance: MatchTolerance,
  path: string,
): { ok: true; matched: Matched } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const open = order.accepted - order.invoiced;
  if (order.accepted === 0n) {
    errors.push({
      path: `${path}.quantity`,
      code: 'invoice_without_receipt',
      message: 'nothing of this order line was received (and accepted) yet',
    });
  } else if (line.quantity > open) {
    errors.push({
      path: `${path}.quantity`,
      code: 'exceeds_received_quantity',
      message: `${formatQuantity(line.quantity)} billed, ${formatQuantity(open)} received and not yet billed`,
    });
  }
  const allowed = allowedDifference(order.priceMicros, tolerance);
  const difference = line.priceMicros - order.priceMicros;
  if ((difference < 0n ? -difference : difference) > allowed) {
    errors.push({
      path: `${path}.unit_price`,
      code: 'price_outside_tolerance',
      message: `price ${formatMicros(line.priceMicros)} differs from the order's ${formatMicros(order.priceMicros)} by more than ${formatMicros(allowed)}`,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const grni = lineValue(line.quantity, order.priceMicros);
  const billed = lineValue(line.quantity, line.priceMicros);
  return { ok: true, matched: { grni, billed, variance: billed - grni } };
}

/** The larger of the percent and the absolute tolerance, per unit in millionths. */
function allowedDifference(priceMicros: bigint, tolerance: MatchTolerance): bigint {
  // Percent to hundredths of a percent, applied exactly: price × percent×100 / 10 000.
  const basisPoints = BigInt(Math.round(tolerance.pricePercent * 100));
  const byPercent = (priceMicros * basisPoints) / 10_000n;
  return larger(byPercent, tolerance.priceMicros);
}
