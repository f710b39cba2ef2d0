// Test support for purchasing and inventory: master data to post against, and the journal lines a document
// posted, as [account, debit, credit] triples.
import { json, type TestApi } from './testing.ts';

export const WAREHOUSES = ['MAIN', 'EAST'];

/** Items: a FIFO raw material, a moving-average one, and a batch-tracked FIFO one (with expiry). */
export const ITEMS = {
  fifo: { sku: 'RM-STEEL', valuation_method: 'fifo', is_batch_tracked: false },
  average: { sku: 'RM-OIL', valuation_method: 'moving_average', is_batch_tracked: false },
  batched: { sku: 'RM-RESIN', valuation_method: 'fifo', is_batch_tracked: true },
} as const;

export async function seedMasterData(api: TestApi): Promise<void> {
  const post = async (path: string, body: object) => {
    const response = await api.call('POST', path, { body });
    if (response.status !== 201) throw new Error(`${path}: ${JSON.stringify(await json(response))}`);
  };
  for (const code of WAREHOUSES)
    await post('/api/v1/warehouses', { code, name: `${code} warehouse`, valid_from: '2025-01-01' });
  await post('/api/v1/suppliers', {
    code: 'ACME',
    name: 'Acme Materials',
    currency: 'EUR',
    price_tolerance_percent: 5,
    receipt_tolerance_percent: 10,
    valid_from: '2025-01-01',
  });
  for (const item of Object.values(ITEMS)) {
    await post('/api/v1/items', {
      ...item,
      name: item.sku,
      unit: 'kg',
      category: 'raw_material',
      reorder_point: '50',
      reorder_quantity: '200',
      lead_time_days: 10,
      purchase_price: '10',
      default_supplier: 'ACME',
      valid_from: '2025-01-01',
    });
  }
}

/** The journal lines posted for a source document, in line order. */
export async function journalLinesOf(api: TestApi, source: string): Promise<string[][]> {
  const rows = await api.ledger.db.query(
    `select l.account_code, l.debit, l.credit from facts.journal_lines l
     join facts.journal_entries e on e.document_number = l.document_number
     where e.source_document_number = ? order by l.document_number, l.line_no`,
    [source],
  );
  return rows.map((row) => [String(row.account_code), String(row.debit), String(row.credit)]);
}

/** Row counts of every table a document may write, to show that a refusal wrote nothing. */
export async function factCounts(api: TestApi): Promise<Record<string, number>> {
  const tables = [
    'facts.documents',
    'facts.stock_moves',
    'facts.journal_lines',
    'facts.process_events',
    'facts.stock_issue_lines',
    'facts.stock_transfer_lines',
    'facts.stock_count_lines',
    'facts.purchase_orders',
    'facts.purchase_order_events',
    'facts.goods_receipt_lines',
    'facts.supplier_invoices',
    'facts.supplier_payments',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await api.count(table);
  return counts;
}
