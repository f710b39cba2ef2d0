// The stock positions rebuilt from facts at startup equal the ones the writer held: same quantities, values
// and batches, so the next issue costs the same after a restart as it would have before.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../tests/support/ledger.ts';
import { Ledger } from '../ledger.ts';
import { itemCommand, warehouseCommand } from '../masterdata/commands.ts';
import { ItemFields, WarehouseFields } from '../masterdata/schema.ts';
import { stockCountCommand } from './count.ts';
import { stockIssueCommand } from './issue.ts';
import { StockCountInput, StockIssueInput, StockTransferInput } from './schema.ts';
import { stockTransferCommand } from './transfer.ts';

let test: TestLedger | undefined;
let reopened: Ledger | undefined;
afterEach(async () => {
  // dispose() closes the first ledger, already closed by the test: close the reopened one, then remove the files.
  await reopened?.close();
  if (test) rmSync(test.dir, { recursive: true, force: true });
  test = undefined;
  reopened = undefined;
});

const actor = { user: 'admin' };

function snapshot(ledger: Ledger) {
  return [...ledger.state.stock.positions.entries()].map(([key, position]) => ({
    key,
    quantity: position.quantity,
    value: position.value,
    batches: [...position.batches().entries()],
  }));
}

describe('stock state', () => {
  it('is rebuilt from the stock moves exactly as the writer left it', async () => {
    test = await openTestLedger();
    let ledger = test.ledger;
    for (const code of ['MAIN', 'EAST']) {
      const fields = WarehouseFields.parse({ name: code, valid_from: '2025-01-01' });
      await ledger.submit(warehouseCommand(actor, code, fields, true));
    }
    for (const [sku, method, batched] of [
      ['A', 'fifo', true],
      ['B', 'moving_average', false],
    ] as const) {
      const fields = ItemFields.parse({
        name: sku,
        unit: 'pcs',
        category: 'parts',
        valuation_method: method,
        is_batch_tracked: batched,
        valid_from: '2025-01-01',
      });
      await ledger.submit(itemCommand(actor, sku, fields, true));
    }
    const counts = [
      { item: 'A', batch: 'L1', counted: '3', unit_cost: '3.333' },
      { item: 'A', batch: 'L2', counted: '7', unit_cost: '1.1' },
      { item: 'B', counted: '3', unit_cost: '0.01' },
    ];
    const count = StockCountInput.parse({ date: '2025-01-05', warehouse: 'MAIN', lines: counts });
    await ledger.submit(stockCountCommand(actor, count));
    const more = StockCountInput.parse({
      date: '2025-01-06',
      warehouse: 'MAIN',
      lines: [{ item: 'B', counted: '10', unit_cost: '0.07' }],
    });
    await ledger.submit(stockCountCommand(actor, more));
    for (const quantity of ['1', '1', '2.5']) {
      const issue = StockIssueInput.parse({
        date: '2025-01-07',
        warehouse: 'MAIN',
        lines: [
          { item: 'A', quantity },
          { item: 'B', quantity },
        ],
      });
      const outcome = await ledger.submit(stockIssueCommand(actor, issue));
      expect(outcome.status).toBe(201);
    }
    const transfer = StockTransferInput.parse({
      date: '2025-01-08',
      from_warehouse: 'MAIN',
      to_warehouse: 'EAST',
      lines: [{ item: 'A', quantity: '2', batch: 'L2' }],
    });
    await ledger.submit(stockTransferCommand(actor, transfer));
    const live = snapshot(ledger);
    await ledger.close();
    reopened = await Ledger.open(test.path);
    ledger = reopened;
    expect(snapshot(ledger)).toEqual(live);
    const [row] = await ledger.db.query(`select sum(value) as value from facts.stock_moves`);
    const total = live.reduce((sum, position) => sum + position.value, 0n);
    expect(String(row?.value)).toBe(`${total / 100n}.${String(total % 100n).padStart(2, '0')}`);
  });

  it('replays more moves than one streamed chunk holds, in order', async () => {
    test = await openTestLedger();
    const ledger = test.ledger;
    const warehouse = WarehouseFields.parse({ name: 'MAIN', valid_from: '2025-01-01' });
    await ledger.submit(warehouseCommand(actor, 'MAIN', warehouse, true));
    const item = ItemFields.parse({
      name: 'C',
      unit: 'pcs',
      category: 'parts',
      valuation_method: 'fifo',
      valid_from: '2025-01-01',
    });
    await ledger.submit(itemCommand(actor, 'C', item, true));
    // Layers of 2 000, 1 000 and 1 000 at three prices, then 2 500 one-unit issues (500 lines a document)
    // that use up the first layer and half the second.
    for (const [day, unitCost] of [
      ['02', '1.01'],
      ['03', '2.02'],
      ['04', '3.03'],
    ] as const) {
      const counted = String(1_000 * Number(day.slice(1)));
      const lines = [{ item: 'C', counted, unit_cost: unitCost }];
      await ledger.submit(
        stockCountCommand(actor, StockCountInput.parse({ date: `2025-01-${day}`, warehouse: 'MAIN', lines })),
      );
    }
    for (let document = 0; document < 5; document++) {
      const lines = Array.from({ length: 500 }, () => ({ item: 'C', quantity: '1' }));
      const issue = StockIssueInput.parse({ date: '2025-01-10', warehouse: 'MAIN', lines });
      expect((await ledger.submit(stockIssueCommand(actor, issue))).status).toBe(201);
    }
    const [moves] = await ledger.db.query('select count(*) as n from facts.stock_moves');
    expect(Number(moves?.n)).toBeGreaterThan(2_048);
    const live = snapshot(ledger);
    await ledger.close();
    reopened = await Ledger.open(test.path);
    expect(snapshot(reopened)).toEqual(live);
  });
});
