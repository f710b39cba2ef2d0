// A restored stock position acts as the one it was saved from, and a start uses a saved snapshot only when it
// agrees with the facts, replaying just the moves after it.
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../tests/support/ledger.ts';
import { Ledger } from '../ledger.ts';
import { itemCommand, warehouseCommand } from '../masterdata/commands.ts';
import { ItemFields, WarehouseFields } from '../masterdata/schema.ts';
import { stockCountCommand } from './count.ts';
import { stockIssueCommand } from './issue.ts';
import { StockCountInput, StockIssueInput } from './schema.ts';
import { writeSnapshot } from './stock-snapshot.ts';
import { StockPosition, type ValuationMethod } from './valuation.ts';

type Step =
  | { kind: 'receive'; quantity: bigint; value: bigint; batch: string | null; expiry: string | null }
  | { kind: 'issue'; quantity: bigint; rule: 'fifo' | 'expiry'; negative: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('receive' as const),
    quantity: fc.bigInt({ min: 1n, max: 50_000n }),
    value: fc.bigInt({ min: 0n, max: 900_000n }),
    batch: fc.constantFrom(null, 'L1', 'L2'),
    expiry: fc.constantFrom(null, '2026-01-31', '2026-06-30'),
  }),
  fc.record({
    kind: fc.constant('issue' as const),
    quantity: fc.bigInt({ min: 1n, max: 40_000n }),
    rule: fc.constantFrom('fifo' as const, 'expiry' as const),
    negative: fc.boolean(),
  }),
);

/** Applies a step; an issue's cost, or the refusal's code, is what a caller would see. */
function apply(position: StockPosition, next: Step): string {
  if (next.kind === 'receive') return String(position.receive(next));
  try {
    return String(position.issue(next.quantity, { rule: next.rule }, next.negative).value);
  } catch (error) {
    return (error as { code?: string }).code ?? 'error';
  }
}

describe('a stock position saved and restored', () => {
  it('costs every later receipt and issue as the original does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ValuationMethod>('fifo', 'moving_average'),
        fc.array(step, { maxLength: 30 }),
        fc.array(step, { maxLength: 30 }),
        (method, before, after) => {
          const original = new StockPosition(method);
          for (const next of before) apply(original, next);
          const restored = StockPosition.restore(JSON.parse(JSON.stringify(original.snapshot())));
          expect(restored.snapshot()).toEqual(original.snapshot());
          for (const next of after) expect(apply(restored, next)).toBe(apply(original, next));
          expect(restored.snapshot()).toEqual(original.snapshot());
        },
      ),
      { numRuns: 300 },
    );
  });
});

let test: TestLedger | undefined;
let reopened: Ledger | undefined;
afterEach(async () => {
  await reopened?.close();
  if (test) rmSync(test.dir, { recursive: true, force: true });
  test = undefined;
  reopened = undefined;
});

const actor = { user: 'admin' };

const positionsOf = (ledger: Ledger) =>
  [...ledger.state.stock.positions.entries()].map(([key, position]) => [key, position.snapshot()]);

async function ledgerWithStock(): Promise<Ledger> {
  test = await openTestLedger();
  const ledger = test.ledger;
  await ledger.submit(
    warehouseCommand(actor, 'MAIN', WarehouseFields.parse({ name: 'MAIN', valid_from: '2025-01-01' }), true),
  );
  for (const [sku, method] of [
    ['F', 'fifo'],
    ['M', 'moving_average'],
  ] as const) {
    const fields = {
      name: sku,
      unit: 'pcs',
      category: 'parts',
      valuation_method: method,
      valid_from: '2025-01-01',
    };
    await ledger.submit(itemCommand(actor, sku, ItemFields.parse(fields), true));
  }
  const lines = [
    { item: 'F', counted: '10', unit_cost: '1.13' },
    { item: 'M', counted: '7', unit_cost: '2.29' },
  ];
  await ledger.submit(
    stockCountCommand(actor, StockCountInput.parse({ date: '2025-01-02', warehouse: 'MAIN', lines })),
  );
  await issue(ledger, '3');
  return ledger;
}

async function issue(ledger: Ledger, quantity: string): Promise<void> {
  const lines = [
    { item: 'F', quantity },
    { item: 'M', quantity },
  ];
  const input = StockIssueInput.parse({ date: '2025-01-09', warehouse: 'MAIN', lines });
  expect((await ledger.submit(stockIssueCommand(actor, input))).status).toBe(201);
}

async function movesAfterSnapshot(ledger: Ledger): Promise<number> {
  const [row] = await ledger.db.query(
    'select count(*)::integer as n from facts.stock_moves where seq > (select through_seq from meta.stock_snapshot)',
  );
  return Number(row?.n);
}

describe('opening a database with a stock snapshot', () => {
  it('restores the snapshot and replays only the moves after it', async () => {
    const ledger = await ledgerWithStock();
    await writeSnapshot(ledger.db, ledger.state.stock.positions);
    await issue(ledger, '2.5');
    const after = await movesAfterSnapshot(ledger);
    expect(after).toBe(2);
    const live = positionsOf(ledger);
    await ledger.close();
    reopened = await Ledger.open((test as TestLedger).path);
    expect(reopened.state.stock.replayedAtLoad).toBe(after);
    expect(positionsOf(reopened)).toEqual(live);
  });

  it('ignores a snapshot that disagrees with the facts or the items, and replays everything', async () => {
    const ledger = await ledgerWithStock();
    await writeSnapshot(ledger.db, ledger.state.stock.positions);
    const live = positionsOf(ledger);
    const [all] = await ledger.db.query('select count(*)::integer as n from facts.stock_moves');
    await ledger.close();
    const path = (test as TestLedger).path;
    for (const tamper of [
      'update meta.stock_snapshot set moves = moves - 1',
      `update meta.stock_snapshot set positions = replace(positions, '"moving_average"', '"fifo"')`,
    ]) {
      reopened = await Ledger.open(path);
      await writeSnapshot(reopened.db, reopened.state.stock.positions);
      await reopened.db.writeConnection.run(tamper);
      await reopened.close();
      reopened = await Ledger.open(path);
      expect(reopened.state.stock.replayedAtLoad).toBe(Number(all?.n));
      expect(positionsOf(reopened)).toEqual(live);
      await reopened.close();
      reopened = undefined;
    }
  });
});
