// Warehouse documents over the API: textbook FIFO and moving-average costing, counts with a loss and a gain,
// transfers, returns, and every refusal answering 422 with the rule named and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factCounts, ITEMS, journalLinesOf, seedMasterData } from './p2p-testing.ts';
import { json, openTestApi, type TestApi } from './testing.ts';

type Body = Record<string, unknown>;
type Problem = { code: string; errors: Array<{ path: string; code: string }> };

let api: TestApi;
let inventory: string;

beforeAll(async () => {
  api = await openTestApi();
  await seedMasterData(api);
  inventory = await api.tokenFor('inventory');
});
afterAll(() => api.close());

const post = (path: string, body: unknown) => api.call('POST', path, { body, token: inventory });

/** Counts `counted` in MAIN; a gain is valued at `unitCost`. */
const count = (item: string, counted: string, unitCost?: string, extra: Body = {}) =>
  post('/api/v1/stock-counts', {
    date: '2025-02-01',
    warehouse: 'MAIN',
    lines: [{ item, counted, ...(unitCost ? { unit_cost: unitCost } : {}), ...extra }],
  });

const issue = (item: string, quantity: string, extra: Body = {}) =>
  post('/api/v1/stock-issues', {
    date: '2025-02-10',
    warehouse: 'MAIN',
    department: 'PRD',
    person: 'J. Smith',
    lines: [{ item, quantity }],
    ...extra,
  });

async function refusedWithNothingWritten(send: () => Promise<Response>, status: number): Promise<Problem> {
  const before = await factCounts(api);
  const response = await send();
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(await factCounts(api)).toEqual(before);
  return json<Problem>(response);
}

describe('stock counts, issues and valuation', () => {
  it('values a count gain at the given cost: Dr inventory / Cr inventory differences', async () => {
    const response = await count(ITEMS.fifo.sku, '100', '10');
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    expect(body.moves).toEqual([expect.objectContaining({ quantity: '100.000', value: '1000.00' })]);
    expect(await journalLinesOf(api, String(body.number))).toEqual([
      ['1310', '1000.00', '0.00'],
      ['5260', '0.00', '1000.00'],
    ]);
  });

  it('costs an issue FIFO (textbook: 100 @ 10, 100 @ 12, issue 150 = 1600) with Dr expense / Cr inventory', async () => {
    expect((await count(ITEMS.fifo.sku, '200', '12')).status).toBe(201);
    const response = await issue(ITEMS.fifo.sku, '150');
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    expect(body.moves).toEqual([
      expect.objectContaining({ quantity: '-100.000', value: '-1000.00' }),
      expect.objectContaining({ quantity: '-50.000', value: '-600.00' }),
    ]);
    expect(await journalLinesOf(api, String(body.number))).toEqual([
      ['6370', '1600.00', '0.00'],
      ['1310', '0.00', '1600.00'],
    ]);
  });

  it('costs a moving-average issue at the average (100 @ 10, 100 @ 13, issue 50 = 575)', async () => {
    await count(ITEMS.average.sku, '100', '10');
    await count(ITEMS.average.sku, '200', '13');
    const body = await json<Body>(await issue(ITEMS.average.sku, '50'));
    expect(body.moves).toEqual([expect.objectContaining({ value: '-575.00' })]);
    const balance = await json<{ rows: Body[] }>(
      await api.call('GET', `/api/v1/stock-balance?as_of=2025-12-31&item=${ITEMS.average.sku}`),
    );
    expect(balance.rows).toEqual([expect.objectContaining({ quantity: '150.000', value: '1725.00' })]);
  });

  it('posts a count with a loss and a gain: the loss at FIFO cost, the gain at the current cost', async () => {
    // RM-STEEL: 50 @ 12 left in MAIN. RM-OIL: 150 at 11.50 average.
    const response = await post('/api/v1/stock-counts', {
      date: '2025-02-20',
      warehouse: 'MAIN',
      lines: [
        { item: ITEMS.fifo.sku, counted: '45' },
        { item: ITEMS.average.sku, counted: '152' },
      ],
    });
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    expect(await journalLinesOf(api, String(body.number))).toEqual([
      ['1310', '0.00', '37.00'],
      ['5260', '37.00', '0.00'],
    ]);
    expect(body.moves).toEqual([
      expect.objectContaining({ item: ITEMS.fifo.sku, quantity: '-5.000', value: '-60.00' }),
      expect.objectContaining({ item: ITEMS.average.sku, quantity: '2.000', value: '23.00' }),
    ]);
    const sheet = await json<{ lines: Body[] }>(await api.call('GET', `/api/v1/stock-counts/${body.number}`));
    expect(sheet.lines[0]).toMatchObject({ book_quantity: '50.000', counted_quantity: '45.000' });
  });

  it('returns unused goods at the cost they left with, once', async () => {
    const issued = await json<Body>(await issue(ITEMS.fifo.sku, '10'));
    const back = (quantity: string) =>
      post('/api/v1/stock-issues', {
        kind: 'return',
        returns: issued.number,
        date: '2025-02-21',
        warehouse: 'MAIN',
        department: 'PRD',
        lines: [{ item: ITEMS.fifo.sku, quantity }],
      });
    const response = await back('4');
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    expect(await journalLinesOf(api, String(body.number))).toEqual([
      ['6370', '0.00', '48.00'],
      ['1310', '48.00', '0.00'],
    ]);
    const tooMany = await refusedWithNothingWritten(() => back('7'), 422);
    expect(tooMany.errors).toEqual([
      expect.objectContaining({ path: 'lines.0.quantity', code: 'exceeds_returnable_quantity' }),
    ]);
  });

  it('transfers batches at their cost without a journal, and refuses a batch that is not there', async () => {
    await count(ITEMS.batched.sku, '30', '5', { batch: 'B1', expiry: '2025-06-30' });
    const transfer = (batch: string) =>
      post('/api/v1/stock-transfers', {
        date: '2025-03-01',
        from_warehouse: 'MAIN',
        to_warehouse: 'EAST',
        lines: [{ item: ITEMS.batched.sku, quantity: '10', batch }],
      });
    const response = await transfer('B1');
    expect(response.status).toBe(201);
    const body = await json<Body>(response);
    expect(body.journal).toBeNull();
    expect(body.moves).toEqual([
      expect.objectContaining({ move_type: 'transfer_out', warehouse: 'MAIN', value: '-50.00', batch: 'B1' }),
      expect.objectContaining({ move_type: 'transfer_in', warehouse: 'EAST', value: '50.00', batch: 'B1' }),
    ]);
    const missing = await refusedWithNothingWritten(() => transfer('B9'), 422);
    expect(missing.errors).toEqual([
      expect.objectContaining({ path: 'lines.0.quantity', code: 'batch_not_in_stock' }),
    ]);
  });
});

describe('refusals', () => {
  it('refuses an issue beyond stock, naming insufficient_stock, and writes nothing', async () => {
    const problem = await refusedWithNothingWritten(() => issue(ITEMS.fifo.sku, '10000'), 422);
    expect(problem.code).toBe('insufficient_stock');
    expect(problem.errors[0]?.path).toBe('lines.0.quantity');
  });

  it('refuses a posting into a closed period, and every broken rule of a document at once', async () => {
    const close = await api.call('POST', '/api/v1/periods/2025-01/close', { body: {} });
    expect(close.status).toBeLessThan(300);
    const closed = await refusedWithNothingWritten(
      () => issue(ITEMS.fifo.sku, '1', { date: '2025-01-31' }),
      422,
    );
    expect(closed.errors).toEqual([expect.objectContaining({ path: 'date', code: 'period_is_closed' })]);
    const many = await refusedWithNothingWritten(
      () =>
        post('/api/v1/stock-issues', {
          date: '2025-02-10',
          warehouse: 'NOWHERE',
          department: 'XXX',
          lines: [{ item: 'NOPE', quantity: '1' }],
        }),
      422,
    );
    expect(many.errors.map((error) => error.code)).toEqual([
      'warehouse_not_found',
      'unknown_dimension_value',
    ]);
    const same = await refusedWithNothingWritten(
      () =>
        post('/api/v1/stock-transfers', {
          date: '2025-02-10',
          from_warehouse: 'MAIN',
          to_warehouse: 'MAIN',
          lines: [{ item: ITEMS.fifo.sku, quantity: '0' }],
        }),
      422,
    );
    expect(same.errors.map((error) => error.code).sort()).toEqual([
      'quantity_must_be_positive',
      'warehouses_must_differ',
    ]);
  });

  it('forbids roles other than inventory and admin to post warehouse documents', async () => {
    const sales = await api.tokenFor('sales');
    const response = await api.call('POST', '/api/v1/stock-issues', {
      token: sales,
      body: { date: '2025-02-10', warehouse: 'MAIN', lines: [{ item: ITEMS.fifo.sku, quantity: '1' }] },
    });
    expect(response.status).toBe(403);
  });
});
