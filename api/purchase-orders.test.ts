// Purchase-order states over the API: approval by the roles the rules name (finance above 100 000), cancel
// and close from the right statuses only, and a document replayed by its Idempotency-Key writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factCounts, ITEMS, seedMasterData } from './p2p-testing.ts';
import { json, openTestApi, type TestApi } from './testing.ts';

type Body = Record<string, unknown>;
type Problem = { code: string };

let api: TestApi;
let buyer: string;
let otherBuyer: string;
let finance: string;

beforeAll(async () => {
  api = await openTestApi();
  await seedMasterData(api);
  buyer = await api.tokenFor('purchasing');
  otherBuyer = await api.tokenFor('purchasing');
  finance = await api.tokenFor('finance');
});
afterAll(() => api.close());

async function raise(quantity: string, headers: Record<string, string> = {}): Promise<Body> {
  const response = await api.call('POST', '/api/v1/purchase-orders', {
    token: buyer,
    headers,
    body: {
      date: '2025-05-02',
      supplier: 'ACME',
      warehouse: 'MAIN',
      lines: [{ item: ITEMS.fifo.sku, quantity }],
    },
  });
  expect(response.status).toBe(201);
  return json<Body>(response);
}

const act = (token: string, number: unknown, action: string) =>
  api.call('POST', `/api/v1/purchase-orders/${number}/${action}`, { token, body: { date: '2025-05-03' } });

describe('purchase order states', () => {
  it('needs purchasing and finance above 100 000, each once, before the order is approved', async () => {
    const order = await raise('20000');
    expect(order).toMatchObject({ net_amount: '200000.00', required_approvals: ['purchasing', 'finance'] });
    const first = await json<Body>(await act(otherBuyer, order.number, 'approve'));
    expect(first).toMatchObject({ status: 'draft', approvals_missing: ['finance'] });
    const again = await act(otherBuyer, order.number, 'approve');
    expect(again.status).toBe(403);
    expect((await json<Problem>(again)).code).toBe('approval_role_required');
    const second = await json<Body>(await act(finance, order.number, 'approve'));
    expect(second).toMatchObject({ status: 'approved', approvals_missing: [] });
    const read = await json<Body>(await api.call('GET', `/api/v1/purchase-orders/${order.number}`));
    expect(read).toMatchObject({ status: 'approved', approvals_given: ['purchasing', 'finance'] });
  });

  it('cancels a draft, refuses to send it afterwards, and closes only an approved or later order', async () => {
    const order = await raise('1');
    const cancelled = await json<Body>(await act(buyer, order.number, 'cancel'));
    expect(cancelled.status).toBe('cancelled');
    const before = await factCounts(api);
    const send = await act(buyer, order.number, 'send');
    expect(send.status).toBe(409);
    expect((await json<Problem>(send)).code).toBe('invalid_status_transition');
    const draft = await raise('2');
    expect((await act(buyer, draft.number, 'close')).status).toBe(409);
    const unknown = await act(buyer, 'PO-2025-999999', 'approve');
    expect(unknown.status).toBe(404);
    expect((await json<Problem>(unknown)).code).toBe('order_not_found');
    // Only the second draft's `created` event was written.
    const after = await factCounts(api);
    expect(after['facts.purchase_order_events']).toBe(Number(before['facts.purchase_order_events']) + 1);
  });

  it('answers a repeated order with its Idempotency-Key as the first time, writing nothing', async () => {
    const key = { 'Idempotency-Key': 'po-once' };
    const first = await raise('3', key);
    const before = await factCounts(api);
    const replay = await api.call('POST', '/api/v1/purchase-orders', {
      token: buyer,
      headers: key,
      body: {
        date: '2025-05-02',
        supplier: 'ACME',
        warehouse: 'MAIN',
        lines: [{ item: ITEMS.fifo.sku, quantity: '3' }],
      },
    });
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(await json(replay)).toEqual(first);
    expect(await factCounts(api)).toEqual(before);
  });
});
