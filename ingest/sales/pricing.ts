// Pricing of sales lines in exact cents: quantity × unit price, less the discount, then output tax by the
// line's tax code; and the share of a line that a partial invoice or credit note carries, the last share
// taking the remainder so the parts always add up to the whole line.
import { divideRounded, valueAt } from '../inventory/quantity.ts';
import { formatMoney } from '../money.ts';
import type { LedgerState } from '../state.ts';

export interface PricedLine {
  /** Cents before the discount, the discount, and what is left (net). */
  gross: bigint;
  discount: bigint;
  net: bigint;
  tax: bigint;
}

/** Discounts are given in percent with two decimals: basis points. */
export const discountBasisPoints = (percent: number): bigint => BigInt(Math.round(percent * 100));

/** Basis points as a percent with two decimals ("12.50"): the same digits as cents as money. */
export const formatPercent = (basisPoints: bigint): string => formatMoney(basisPoints);

export function priceLine(
  quantity: bigint,
  priceMicros: bigint,
  discountBp: bigint,
  rateBp: number,
): PricedLine {
  const gross = valueAt(quantity, priceMicros);
  const discount = divideRounded(gross * discountBp, 10_000n);
  const net = gross - discount;
  return { gross, discount, net, tax: divideRounded(net * BigInt(rateBp), 10_000n) };
}

/** The tax code's rate and account, or undefined when ref.tax_codes does not define it. */
export function taxCode(state: LedgerState, code: string) {
  return state.taxCodes.get(code);
}

/**
 * The part of `total` that `quantity` of `whole` carries, given what earlier parts (`done` of `doneAmount`)
 * took: proportional, and exactly the rest when this part completes the whole.
 */
export function shareOf(total: bigint, whole: bigint, done: bigint, doneAmount: bigint, quantity: bigint) {
  if (done + quantity >= whole) return total - doneAmount;
  return divideRounded(total * quantity, whole);
}
