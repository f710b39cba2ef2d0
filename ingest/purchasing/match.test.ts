// The three-way match (order, receipt, invoice) with a price variance, its refusals, and approval rules.
import { describe, expect, it } from 'vitest';
import { units } from '../inventory/quantity.ts';
import { DEFAULT_APPROVAL_RULES, requiredApprovals } from './approval.ts';
import { DEFAULT_MATCH_TOLERANCE, lineValue, matchInvoiceLine, type OrderLineState } from './match.ts';

const micros = (price: string) => BigInt(price.replace('.', '').padEnd(price.indexOf('.') + 6, '0'));

const order: OrderLineState = {
  ordered: units(100),
  priceMicros: micros('12.500000'),
  accepted: units(60),
  invoiced: units(20),
};

describe('three-way match', () => {
  it('posts the received value to GRNI and the price difference to variance (textbook case)', () => {
    // 40 received and not yet billed at 12.50 ordered; billed at 12.70 (1.6 % dearer, within 2 %).
    const result = matchInvoiceLine(
      order,
      { quantity: units(40), priceMicros: micros('12.700000') },
      DEFAULT_MATCH_TOLERANCE,
      'lines.0',
    );
    expect(result).toEqual({ ok: true, matched: { grni: 50_000n, billed: 50_800n, variance: 800n } });
  });

  it('credits the variance when the invoice is cheaper', () => {
    const result = matchInvoiceLine(
      order,
      { quantity: units(10), priceMicros: micros('12.400000') },
      DEFAULT_MATCH_TOLERANCE,
      'lines.0',
    );
    expect(result).toEqual({ ok: true, matched: { grni: 12_500n, billed: 12_400n, variance: -100n } });
  });

  it('refuses billing more than was received and not yet billed, and prices beyond the tolerance', () => {
    const result = matchInvoiceLine(
      order,
      { quantity: units(41), priceMicros: micros('12.760000') },
      DEFAULT_MATCH_TOLERANCE,
      'lines.3',
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((error) => [error.path, error.code])).toEqual([
      ['lines.3.quantity', 'exceeds_received_quantity'],
      ['lines.3.unit_price', 'price_outside_tolerance'],
    ]);
  });

  it('refuses an invoice for an order line nothing of which was received', () => {
    const unreceived = { ...order, accepted: 0n, invoiced: 0n };
    const result = matchInvoiceLine(
      unreceived,
      { quantity: units(1), priceMicros: order.priceMicros },
      DEFAULT_MATCH_TOLERANCE,
      'lines.0',
    );
    expect(!result.ok && result.errors[0]?.code).toBe('invoice_without_receipt');
  });

  it('accepts exactly at the tolerance, and an absolute tolerance when larger', () => {
    const atEdge = matchInvoiceLine(
      order,
      { quantity: units(1), priceMicros: micros('12.750000') },
      DEFAULT_MATCH_TOLERANCE,
      'l',
    );
    expect(atEdge.ok).toBe(true);
    const absolute = { pricePercent: 0, priceMicros: micros('0.500000') };
    expect(
      matchInvoiceLine(order, { quantity: units(1), priceMicros: micros('13.000000') }, absolute, 'l').ok,
    ).toBe(true);
    expect(
      matchInvoiceLine(order, { quantity: units(1), priceMicros: micros('13.000001') }, absolute, 'l').ok,
    ).toBe(false);
  });

  it('values fractional quantities at unit prices to the cent', () => {
    expect(lineValue(2_345n, micros('3.333333'))).toBe(782n);
  });
});

describe('approval rules', () => {
  const none = new Set<string>();
  it('asks nobody below the first threshold, then each role once in the order the rules name them', () => {
    expect(requiredApprovals({ total: 1_000_000n, categories: none }, DEFAULT_APPROVAL_RULES)).toEqual([]);
    expect(requiredApprovals({ total: 1_000_001n, categories: none }, DEFAULT_APPROVAL_RULES)).toEqual([
      'purchasing',
    ]);
    expect(requiredApprovals({ total: 50_000_000n, categories: none }, DEFAULT_APPROVAL_RULES)).toEqual([
      'purchasing',
      'finance',
    ]);
  });

  it('applies a category rule only to orders with that category', () => {
    const rules = [{ amount_over: '0.00', category: 'capex', role: 'finance' }];
    expect(requiredApprovals({ total: 100n, categories: new Set(['capex']) }, rules)).toEqual(['finance']);
    expect(requiredApprovals({ total: 100n, categories: new Set(['raw']) }, rules)).toEqual([]);
  });
});
