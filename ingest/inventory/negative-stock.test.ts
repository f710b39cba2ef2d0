// Negative stock where the company allows it: an issue beyond stock takes what there is at cost and books
// the shortfall at the last cost; the next receipt settles it, the difference to inventory differences, so
// the stock value still equals the inventory account. Replayed at startup into the very same position.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../tests/support/ledger.ts';
import { LedgerError } from '../errors.ts';
import { Ledger } from '../ledger.ts';
import { itemCommand, supplierCommand, warehouseCommand } from '../masterdata/commands.ts';
import { ItemFields, SupplierFields, WarehouseFields } from '../masterdata/schema.ts';
import { orderActionCommand } from '../purchasing/order-actions.ts';
import { purchaseOrderCommand } from '../purchasing/orders.ts';
import { goodsReceiptCommand } from '../purchasing/receipts.ts';
import { GoodsReceiptInput, PurchaseOrderInput } from '../purchasing/schema.ts';
import { stockCountCommand } from './count.ts';
import { stockIssueCommand } from './issue.ts';
import { units } from './quantity.ts';
import { StockCountInput, StockIssueInput } from './schema.ts';
import { StockPosition, type ValuationMethod } from './valuation.ts';

const euros = (amount: number) => BigInt(Math.round(amount * 100));

describe('a position that may go negative', () => {
  for (const method of ['fifo', 'moving_average'] as ValuationMethod[]) {
    it(`${method}: books the shortfall at the last cost and settles it with the next receipt`, () => {
      const stock = new StockPosition(method);
      stock.receive({ quantity: units(10), value: euros(50) });
      const issued = stock.issue(units(15), { rule: 'fifo' }, true);
      expect(issued.value).toBe(euros(75));
      expect([stock.quantity, stock.value]).toEqual([units(-5), euros(-25)]);
      // 10 @ 6 arrive: 5 cover the backlog booked at 5 each, so 5.00 more is the settlement.
      const settlement = stock.receive({ quantity: units(10), value: euros(60) });
      expect(settlement).toBe(euros(5));
      expect([stock.quantity, stock.value]).toEqual([units(5), euros(30)]);
      // Conservation: receipts = issues + settlement + what stays.
      expect(euros(50 + 60)).toBe(issued.value + settlement + stock.value);
      const replayed = new StockPosition(method);
      replayed.replayReceipt({ quantity: units(10), value: euros(50) });
      for (const part of issued.consumed) replayed.replayIssue(part);
      replayed.replayReceipt({ quantity: units(10), value: euros(60) - settlement });
      expect([replayed.quantity, replayed.value]).toEqual([stock.quantity, stock.value]);
      expect(replayed.issue(units(5)).value).toBe(stock.issue(units(5)).value);
    });
  }

  it('still refuses a named batch that is short, whatever the setting', () => {
    const stock = new StockPosition('fifo');
    stock.receive({ quantity: units(1), value: 100n, batch: 'B1' });
    expect(() => stock.issue(units(2), { rule: 'batch', batch: 'B1' }, true)).toThrow(LedgerError);
    expect(stock.quantity).toBe(units(1));
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

async function inventoryBalance(ledger: Ledger): Promise<[string, string]> {
  const [row] = await ledger.db.query(
    `select (select sum(value) from facts.stock_moves) as stock,
            (select sum(debit) - sum(credit) from facts.journal_lines where account_code = '1310') as ledger`,
  );
  return [String(row?.stock), String(row?.ledger)];
}

describe('negative stock in a ledger that allows it', () => {
  it('books issues beyond stock for plain items only, and the stock value stays equal to the ledger', async () => {
    test = await openTestLedger({ allowNegativeStock: true });
    const ledger = test.ledger;
    await ledger.submit(
      warehouseCommand(actor, 'MAIN', WarehouseFields.parse({ name: 'M', valid_from: '2025-01-01' }), true),
    );
    for (const [sku, batched] of [
      ['PLAIN', false],
      ['LOTS', true],
    ] as const) {
      const fields = ItemFields.parse({
        name: sku,
        unit: 'kg',
        category: 'rm',
        valuation_method: 'fifo',
        is_batch_tracked: batched,
        valid_from: '2025-01-01',
      });
      await ledger.submit(itemCommand(actor, sku, fields, true));
    }
    const count = (counted: string, unitCost: string) =>
      ledger.submit(
        stockCountCommand(
          actor,
          StockCountInput.parse({
            date: '2025-01-05',
            warehouse: 'MAIN',
            lines: [{ item: 'PLAIN', counted, unit_cost: unitCost }],
          }),
        ),
      );
    const issue = (item: string, quantity: string) =>
      ledger.submit(
        stockIssueCommand(
          actor,
          StockIssueInput.parse({ date: '2025-01-06', warehouse: 'MAIN', lines: [{ item, quantity }] }),
        ),
      );
    await count('10', '5');
    const beyond = await issue('PLAIN', '15');
    expect(beyond.body).toMatchObject({ journal: { total: '75.00' } });
    await expect(issue('LOTS', '1')).rejects.toMatchObject({ code: 'insufficient_stock' });
    // Found 10 more than the books (−5): valued at 6, of which 5.00 settles the issue booked at 5.
    const found = await count('5', '6');
    expect(found.body).toMatchObject({
      moves: [expect.objectContaining({ quantity: '10.000', value: '55.00' })],
    });
    expect(await inventoryBalance(ledger)).toEqual(['30.00', '30.00']);
    const live = ledger.state.stock.positions.get('PLAIN\nMAIN');
    await ledger.close();
    reopened = await Ledger.open(test.path);
    const rebuilt = reopened.state.stock.positions.get('PLAIN\nMAIN');
    expect([rebuilt?.quantity, rebuilt?.value]).toEqual([live?.quantity, live?.value]);
    expect(reopened.state.settings.allowNegativeStock).toBe(true);
  });

  it('settles a backlog with a goods receipt: the difference to inventory differences, GRNI at the order price', async () => {
    test = await openTestLedger({ allowNegativeStock: true });
    const ledger = test.ledger;
    const buyer = { user: 'buyer' };
    await ledger.submit(
      warehouseCommand(actor, 'MAIN', WarehouseFields.parse({ name: 'M', valid_from: '2025-01-01' }), true),
    );
    await ledger.submit(
      supplierCommand(
        actor,
        'ACME',
        SupplierFields.parse({ name: 'Acme', currency: 'EUR', valid_from: '2025-01-01' }),
        true,
      ),
    );
    const fields = ItemFields.parse({
      name: 'Oil',
      unit: 'l',
      category: 'rm',
      valuation_method: 'moving_average',
      purchase_price: '6',
      valid_from: '2025-01-01',
    });
    await ledger.submit(itemCommand(actor, 'OIL', fields, true));
    await ledger.submit(
      stockCountCommand(
        actor,
        StockCountInput.parse({
          date: '2025-01-05',
          warehouse: 'MAIN',
          lines: [{ item: 'OIL', counted: '10', unit_cost: '5' }],
        }),
      ),
    );
    await ledger.submit(
      stockIssueCommand(
        actor,
        StockIssueInput.parse({
          date: '2025-01-06',
          warehouse: 'MAIN',
          lines: [{ item: 'OIL', quantity: '15' }],
        }),
      ),
    );
    const order = await ledger.submit(
      purchaseOrderCommand(
        buyer,
        PurchaseOrderInput.parse({
          date: '2025-01-07',
          supplier: 'ACME',
          warehouse: 'MAIN',
          lines: [{ item: 'OIL', quantity: '10' }],
        }),
      ),
    );
    const number = String((order.body as { number: string }).number);
    for (const action of ['approve', 'send'] as const) {
      await ledger.submit(orderActionCommand({ ...buyer, role: 'purchasing' }, number, action, {}));
    }
    const receipt = await ledger.submit(
      goodsReceiptCommand(
        buyer,
        GoodsReceiptInput.parse({
          date: '2025-01-08',
          order: number,
          lines: [{ order_line: 1, received: '10' }],
        }),
      ),
    );
    expect(receipt.body).toMatchObject({
      moves: [expect.objectContaining({ quantity: '10.000', value: '55.00' })],
    });
    const lines = await ledger.db.query(
      `select l.account_code, l.debit, l.credit from facts.journal_lines l
       join facts.journal_entries e on e.document_number = l.document_number
       where e.source_document_number = ? order by l.line_no`,
      [(receipt.body as { number: string }).number],
    );
    expect(lines.map((row) => [row.account_code, String(row.debit), String(row.credit)])).toEqual([
      ['1310', '55.00', '0.00'],
      ['5260', '5.00', '0.00'],
      ['2120', '0.00', '60.00'],
    ]);
    expect(await inventoryBalance(ledger)).toEqual(['30.00', '30.00']);
  });
});
