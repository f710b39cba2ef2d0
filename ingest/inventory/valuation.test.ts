// Valuation at posting time: textbook FIFO and moving-average sequences with known results, batch and expiry
// picking, refusals that change nothing, and conservation: receipts = issues + stock value, to the cent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../errors.ts';
import { divideRounded, formatQuantity, parseQuantity, unitCostMicros, units } from './quantity.ts';
import { StockPosition, type ValuationMethod } from './valuation.ts';

const euros = (amount: number) => BigInt(Math.round(amount * 100));

function refusal(work: () => unknown): LedgerError {
  try {
    work();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('FIFO', () => {
  it('costs an issue from the oldest receipts first (textbook: 100 @ 10, 100 @ 12, issue 150)', () => {
    const stock = new StockPosition('fifo');
    stock.receive({ quantity: units(100), value: euros(1000) });
    stock.receive({ quantity: units(100), value: euros(1200) });
    const issued = stock.issue(units(150));
    expect(issued.value).toBe(euros(1600));
    expect(stock.quantity).toBe(units(50));
    expect(stock.value).toBe(euros(600));
    stock.receive({ quantity: units(50), value: euros(700) });
    expect(stock.issue(units(80)).value).toBe(euros(600 + 30 * 14));
    expect(stock.value).toBe(euros(20 * 14));
  });

  it('keeps the rounding in stock: three issues of a third sum to the layer to the cent', () => {
    const stock = new StockPosition('fifo');
    stock.receive({ quantity: units(3), value: 1000n });
    const values = [1, 2, 3].map(() => stock.issue(units(1)).value);
    expect(values).toEqual([333n, 334n, 333n]);
    expect(values.reduce((a, b) => a + b, 0n)).toBe(1000n);
    expect(stock.value).toBe(0n);
  });
});

describe('moving average', () => {
  it('costs an issue at the average of what is in stock (textbook: 100 @ 10, 100 @ 12, issue 150)', () => {
    const stock = new StockPosition('moving_average');
    stock.receive({ quantity: units(100), value: euros(1000) });
    stock.receive({ quantity: units(100), value: euros(1200) });
    expect(stock.issue(units(150)).value).toBe(euros(1650));
    expect(stock.value).toBe(euros(550));
    stock.receive({ quantity: units(50), value: euros(700) });
    // 100 units for 1 250.00: the average is now 12.50.
    expect(unitCostMicros(stock.value, stock.quantity)).toBe(12_500_000n);
    expect(stock.issue(units(30)).value).toBe(euros(375));
    expect(stock.issue(units(70)).value).toBe(euros(875));
    expect(stock.value).toBe(0n);
  });

  it('empties the pool exactly: the last issue takes what rounding left', () => {
    const stock = new StockPosition('moving_average');
    stock.receive({ quantity: units(3), value: 1000n });
    expect([stock.issue(units(1)).value, stock.issue(units(1)).value, stock.issue(units(1)).value]).toEqual([
      333n,
      334n,
      333n,
    ]);
  });
});

describe('batches', () => {
  it('picks a named batch, or the earliest expiry, and says which batches an issue took', () => {
    const stock = new StockPosition('fifo');
    stock.receive({ quantity: units(10), value: euros(100), batch: 'B1', expiry: '2026-09-30' });
    stock.receive({ quantity: units(10), value: euros(120), batch: 'B2', expiry: '2026-03-31' });
    stock.receive({ quantity: units(10), value: euros(150), batch: 'B3' });
    const byExpiry = stock.issue(units(12), { rule: 'expiry' });
    expect(byExpiry.consumed.map((part) => [part.batch, formatQuantity(part.quantity), part.value])).toEqual([
      ['B2', '10.000', euros(120)],
      ['B1', '2.000', euros(20)],
    ]);
    const named = stock.issue(units(5), { rule: 'batch', batch: 'B3' });
    expect(named.value).toBe(euros(75));
    expect(Object.fromEntries(stock.batches())).toEqual({ B1: units(8), B3: units(5) });
  });

  it('spreads a moving-average issue over its batches by quantity', () => {
    const stock = new StockPosition('moving_average');
    stock.receive({ quantity: units(10), value: euros(100), batch: 'A' });
    stock.receive({ quantity: units(10), value: euros(200), batch: 'B' });
    const issued = stock.issue(units(15));
    expect(issued.value).toBe(euros(225));
    expect(issued.consumed.map((part) => [part.batch, part.value])).toEqual([
      ['A', euros(150)],
      ['B', euros(75)],
    ]);
  });
});

describe('refusals change nothing', () => {
  it.each<ValuationMethod>(['fifo', 'moving_average'])(
    '%s: an issue beyond stock is insufficient_stock',
    (method) => {
      const stock = new StockPosition(method);
      stock.receive({ quantity: units(5), value: euros(50), batch: 'B1' });
      const error = refusal(() => stock.issue(units(6)));
      expect(error.code).toBe('insufficient_stock');
      expect(error.message).toContain('6.000 asked, 5.000');
      expect(refusal(() => stock.issue(units(1), { rule: 'batch', batch: 'B9' })).code).toBe(
        'batch_not_in_stock',
      );
      expect(refusal(() => stock.issue(units(6), { rule: 'batch', batch: 'B1' })).code).toBe(
        'insufficient_stock',
      );
      expect([stock.quantity, stock.value]).toEqual([units(5), euros(50)]);
    },
  );
});

describe('stock found at a count', () => {
  it('is valued at the average, at the newest layer, or at the last receipt once stock is empty', () => {
    const average = new StockPosition('moving_average');
    average.receive({ quantity: units(4), value: euros(10) });
    expect(average.valueOfFound(units(2))).toBe(euros(5));
    const fifo = new StockPosition('fifo');
    fifo.receive({ quantity: units(1), value: euros(10) });
    fifo.receive({ quantity: units(1), value: euros(14) });
    expect(fifo.valueOfFound(units(3))).toBe(euros(42));
    fifo.issue(units(2));
    expect(fifo.valueOfFound(units(1))).toBe(euros(14));
    expect(new StockPosition('fifo').valueOfFound(units(1))).toBe(0n);
  });
});

describe('quantities', () => {
  it('parse exactly to thousandths and refuse what a DECIMAL(18,3) cannot hold', () => {
    expect(parseQuantity('12.5')).toEqual({ ok: true, milli: 12_500n });
    expect(parseQuantity(0.125)).toEqual({ ok: true, milli: 125n });
    expect(parseQuantity('1.2345')).toMatchObject({ ok: false, code: 'precision_exceeded' });
    expect(parseQuantity('ten')).toMatchObject({ ok: false, code: 'not_a_number' });
    expect(formatQuantity(-1_005n)).toBe('-1.005');
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(5n, 2n)).toBe(3n);
  });
});

describe('conservation', () => {
  const step = fc.oneof(
    fc.record({
      kind: fc.constant('receive' as const),
      quantity: fc.integer({ min: 1, max: 50_000 }),
      cents: fc.integer({ min: 0, max: 10_000_000 }),
      batch: fc.constantFrom('A', 'B', null),
    }),
    fc.record({
      kind: fc.constant('issue' as const),
      quantity: fc.integer({ min: 1, max: 60_000 }),
      rule: fc.constantFrom('fifo' as const, 'expiry' as const),
    }),
  );

  it.each<ValuationMethod>(['fifo', 'moving_average'])(
    '%s: receipts = issues + stock value, and refusals keep it',
    (method) => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
          const stock = new StockPosition(method);
          let received = 0n;
          let issued = 0n;
          for (const next of steps) {
            if (next.kind === 'receive') {
              stock.receive({
                quantity: BigInt(next.quantity),
                value: BigInt(next.cents),
                batch: next.batch,
                expiry: next.batch && '2027-01-01',
              });
              received += BigInt(next.cents);
            } else if (BigInt(next.quantity) <= stock.quantity) {
              const result = stock.issue(BigInt(next.quantity), { rule: next.rule });
              expect(result.consumed.reduce((sum, part) => sum + part.quantity, 0n)).toBe(
                BigInt(next.quantity),
              );
              expect(result.value).toBeGreaterThanOrEqual(0n);
              issued += result.value;
            } else {
              expect(refusal(() => stock.issue(BigInt(next.quantity))).code).toBe('insufficient_stock');
            }
            expect(received).toBe(issued + stock.value);
            if (stock.quantity === 0n) expect(stock.value).toBe(0n);
          }
        }),
        { numRuns: 300 },
      );
    },
  );
});
