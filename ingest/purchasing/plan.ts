// Purchase planning: for each item and warehouse, whether to order and how much, from stock on hand, what is
// already on order, the reorder point and quantity, the lead time and the demand rate of the last days.
// Method (reorder point with lead-time demand): the stock position (on hand + on order) must cover the demand
// expected until a new order arrives and still leave the reorder point; when it does not, order the larger of
// the reorder quantity and what brings the position back to reorder point + lead-time demand.
import { divideRounded, larger } from '../inventory/quantity.ts';

export interface PlanInput {
  item: string;
  warehouse: string;
  /** Quantities in thousandths of the item's unit. */
  onHand: bigint;
  onOrder: bigint;
  reorderPoint: bigint;
  reorderQuantity: bigint;
  leadTimeDays: number;
  /** Issued (and shipped, consumed) over the last `demandDays` days. */
  demand: bigint;
  demandDays: number;
}

export interface PlanSuggestion {
  item: string;
  warehouse: string;
  position: bigint;
  leadTimeDemand: bigint;
  quantity: bigint;
  /** When an order placed today would arrive. */
  expectedDate: string;
  reason: 'below_reorder_point' | 'lead_time_demand';
}

/** The suggestion for one item and warehouse, or null when its stock position covers the lead time. */
export function planLine(input: PlanInput, today: string): PlanSuggestion | null {
  if (input.demandDays <= 0) throw new RangeError('demandDays must be positive');
  const leadTimeDemand = divideRounded(input.demand * BigInt(input.leadTimeDays), BigInt(input.demandDays));
  const position = input.onHand + input.onOrder;
  const target = input.reorderPoint + leadTimeDemand;
  if (position > target || (position > input.reorderPoint && leadTimeDemand === 0n)) return null;
  const shortfall = target - position;
  const quantity = larger(shortfall, input.reorderQuantity);
  if (quantity <= 0n) return null;
  return {
    item: input.item,
    warehouse: input.warehouse,
    position,
    leadTimeDemand,
    quantity,
    expectedDate: addDays(today, input.leadTimeDays),
    reason: position <= input.reorderPoint ? 'below_reorder_point' : 'lead_time_demand',
  };
}

/** Suggestions for every line that needs one, most urgent first (the smallest cover of lead-time demand). */
export function purchasePlan(inputs: readonly PlanInput[], today: string): PlanSuggestion[] {
  return inputs
    .map((input) => planLine(input, today))
    .filter((line): line is PlanSuggestion => line !== null)
    .sort((a, b) => {
      const coverA = a.position - a.leadTimeDemand;
      const coverB = b.position - b.leadTimeDemand;
      if (coverA !== coverB) return coverA < coverB ? -1 : 1;
      return a.item < b.item ? -1 : a.item > b.item ? 1 : 0;
    });
}

const DAY_MS = 86_400_000;

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
