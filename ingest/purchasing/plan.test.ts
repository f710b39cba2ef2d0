// Purchase planning by reorder point and lead-time demand, with known cases.
import { describe, expect, it } from 'vitest';
import { units } from '../inventory/quantity.ts';
import { type PlanInput, planLine, purchasePlan } from './plan.ts';

const base: PlanInput = {
  item: 'RM-100',
  warehouse: 'MAIN',
  onHand: units(40),
  onOrder: 0n,
  reorderPoint: units(50),
  reorderQuantity: units(200),
  leadTimeDays: 10,
  demand: units(90),
  demandDays: 30,
};

describe('purchase plan', () => {
  it('orders the reorder quantity when below the reorder point', () => {
    expect(planLine(base, '2025-06-01')).toEqual({
      item: 'RM-100',
      warehouse: 'MAIN',
      position: units(40),
      leadTimeDemand: units(30),
      quantity: units(200),
      expectedDate: '2025-06-11',
      reason: 'below_reorder_point',
    });
  });

  it('orders what the lead time needs when that is more than the reorder quantity', () => {
    const busy = { ...base, demand: units(900), reorderQuantity: units(100) };
    // 300 needed over 10 days + 50 reorder point − 40 on hand = 310.
    expect(planLine(busy, '2025-06-01')?.quantity).toBe(units(310));
  });

  it('counts what is on order, and orders before the reorder point when lead-time demand would cross it', () => {
    expect(planLine({ ...base, onOrder: units(100) }, '2025-06-01')).toBeNull();
    const crossing = planLine({ ...base, onHand: units(70) }, '2025-06-01');
    expect(crossing?.reason).toBe('lead_time_demand');
    expect(crossing?.quantity).toBe(units(200));
  });

  it('leaves an item without demand alone while it is above its reorder point', () => {
    expect(planLine({ ...base, onHand: units(51), demand: 0n }, '2025-06-01')).toBeNull();
    expect(planLine({ ...base, onHand: units(50), demand: 0n }, '2025-06-01')?.quantity).toBe(units(200));
  });

  it('lists the most urgent first', () => {
    const plan = purchasePlan(
      [
        { ...base, item: 'B', onHand: units(45) },
        { ...base, item: 'A', onHand: units(5) },
        { ...base, item: 'C', onHand: units(500) },
      ],
      '2025-06-01',
    );
    expect(plan.map((line) => line.item)).toEqual(['A', 'B']);
  });
});
