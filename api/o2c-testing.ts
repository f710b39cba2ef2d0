// Test support for order to cash: customers, opening stock to ship from, and the row counts of every table a
// sales document may write (to show that a refusal wrote nothing).
import { factCounts } from './p2p-testing.ts';
import { json, type TestApi } from './testing.ts';

export const CUSTOMERS = {
  big: {
    code: 'BIGCO',
    name: 'Big Customer AG',
    credit_limit: '10000.00',
    salesperson: 'ANNA',
    segment: 'industry',
  },
  small: {
    code: 'SMALLCO',
    name: 'Small Shop',
    credit_limit: '1000.00',
    salesperson: 'BEN',
    segment: 'retail',
  },
} as const;

export async function seedCustomers(api: TestApi): Promise<void> {
  for (const customer of Object.values(CUSTOMERS)) {
    const response = await api.call('POST', '/api/v1/customers', {
      body: {
        ...customer,
        currency: 'EUR',
        payment_terms_days: 30,
        billing_address: `${customer.name}, Main Street 1`,
        valid_from: '2025-01-01',
      },
    });
    if (response.status !== 201) throw new Error(`customer: ${JSON.stringify(await json(response))}`);
  }
}

/** Opening stock by count: per line, item, quantity and unit cost, in one count sheet per call. */
export async function countStock(
  api: TestApi,
  date: string,
  warehouse: string,
  lines: Array<{ item: string; counted: string; unit_cost: string }>,
): Promise<void> {
  const response = await api.call('POST', '/api/v1/stock-counts', { body: { date, warehouse, lines } });
  if (response.status !== 201) throw new Error(`count: ${JSON.stringify(await json(response))}`);
}

/** Row counts of every fact table a purchasing, warehouse or sales document may write. */
export async function salesFactCounts(api: TestApi): Promise<Record<string, number>> {
  const counts = await factCounts(api);
  for (const table of [
    'facts.customers',
    'facts.sales_orders',
    'facts.sales_order_lines',
    'facts.sales_order_events',
    'facts.shipment_lines',
    'facts.customer_invoices',
    'facts.customer_invoice_lines',
    'facts.customer_receipts',
  ]) {
    counts[table] = await api.count(table);
  }
  return counts;
}
