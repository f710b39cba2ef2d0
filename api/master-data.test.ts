// Master data over the API: create, version (append-only, history kept), refusals and roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, openTestApi, type TestApi } from './testing.ts';

type Body = Record<string, unknown>;
type Problem = { code: string; errors: Array<{ path: string; code: string }> };

const BOLT = {
  sku: 'RM-BOLT',
  name: 'Hex bolt M8',
  unit: 'pcs',
  category: 'raw_material',
  valuation_method: 'fifo',
  reorder_point: '100',
  reorder_quantity: '500',
  lead_time_days: 7,
  purchase_price: '0.125',
  valid_from: '2025-01-01',
};

let api: TestApi;
let inventory: string;

beforeAll(async () => {
  api = await openTestApi();
  inventory = await api.tokenFor('inventory');
});
afterAll(() => api.close());

describe('master data over the API', () => {
  it('creates an item with the posting rules as default accounts', async () => {
    const response = await api.call('POST', '/api/v1/items', { token: inventory, body: BOLT });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/api/v1/items/RM-BOLT');
    expect(await json(response)).toMatchObject({
      sku: 'RM-BOLT',
      version: 1,
      reorder_point: '100.000',
      purchase_price: '0.125000',
      inventory_account: '1310',
      expense_account: '6370',
    });
  });

  it('adds a version as a new row and keeps the old one with its valid_to', async () => {
    const { sku: _sku, ...fields } = BOLT;
    const response = await api.call('POST', '/api/v1/items/RM-BOLT/versions', {
      token: inventory,
      body: { ...fields, purchase_price: '0.13', valid_from: '2025-03-01' },
    });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({ version: 2, purchase_price: '0.130000' });
    const item = await json<{ versions: Body[] }>(await api.call('GET', '/api/v1/items/RM-BOLT'));
    expect(item).toMatchObject({ version: 2, valid_from: '2025-03-01' });
    expect(item.versions.map((version) => [version.version, version.valid_to])).toEqual([
      [2, null],
      [1, '2025-02-28'],
    ]);
    expect(await api.count('facts.items')).toBe(2);
  });

  it('refuses a duplicate, an unknown item, an earlier version and wrong accounts, writing nothing', async () => {
    const before = await api.count('facts.items');
    const duplicate = await api.call('POST', '/api/v1/items', { token: inventory, body: BOLT });
    expect(duplicate.status).toBe(409);
    expect((await json<Problem>(duplicate)).code).toBe('item_exists');
    const { sku: _sku, ...fields } = BOLT;
    const unknown = await api.call('POST', '/api/v1/items/NOPE/versions', { token: inventory, body: fields });
    expect(unknown.status).toBe(404);
    const earlier = await api.call('POST', '/api/v1/items/RM-BOLT/versions', {
      token: inventory,
      body: { ...fields, valid_from: '2025-02-01', inventory_account: '6370', expense_account: '1300' },
    });
    expect(earlier.status).toBe(422);
    expect((await json<Problem>(earlier)).errors.map((error) => [error.path, error.code])).toEqual([
      ['valid_from', 'valid_from_before_previous_version'],
      ['inventory_account', 'account_type_mismatch'],
      ['expense_account', 'account_not_postable'],
    ]);
    const precise = await api.call('POST', '/api/v1/items', {
      token: inventory,
      body: { ...BOLT, sku: 'X', reorder_point: '1.2345', valuation_method: 'lifo' },
    });
    expect((await json<Problem>(precise)).errors.map((error) => error.path).sort()).toEqual([
      'reorder_point',
      'valuation_method',
    ]);
    expect(await api.count('facts.items')).toBe(before);
  });

  it('keeps warehouses and suppliers the same way; a foreign currency is refused for now', async () => {
    const warehouse = await api.call('POST', '/api/v1/warehouses', {
      token: inventory,
      body: { code: 'MAIN', name: 'Main warehouse', valid_from: '2025-01-01' },
    });
    expect(warehouse.status).toBe(201);
    const purchasing = await api.tokenFor('purchasing');
    const supplier = { code: 'ACME', name: 'Acme Fasteners', currency: 'EUR', valid_from: '2025-01-01' };
    const created = await api.call('POST', '/api/v1/suppliers', { token: purchasing, body: supplier });
    expect(await json(created)).toMatchObject({ payables_account: '2110', price_tolerance_percent: '2.00' });
    const foreign = await api.call('POST', '/api/v1/suppliers', {
      token: purchasing,
      body: { ...supplier, code: 'USCO', currency: 'USD' },
    });
    expect((await json<Problem>(foreign)).code).toBe('currency_not_supported');
    const byInventory = await api.call('POST', '/api/v1/suppliers', { token: inventory, body: supplier });
    expect(byInventory.status).toBe(403);
    const read = await api.call('GET', '/api/v1/suppliers/ACME', { token: inventory });
    expect(await json(read)).toMatchObject({ code: 'ACME', version: 1 });
  });
});
