// Shapes of the order-to-cash responses, for the OpenAPI document only.
import { z } from 'zod';

const Amount = z.string().describe('decimal string with two decimals, e.g. "1234.50"');
const Versions = z.array(z.record(z.string(), z.unknown())).describe('every version, newest first');
const Optional = z.string().nullable();

export const CustomerAnswer = z.object({
  code: z.string(),
  version: z.number().int(),
  valid_from: z.string(),
  name: z.string(),
  contact_name: Optional,
  email: Optional,
  phone: Optional,
  billing_address: Optional,
  shipping_address: Optional,
  currency: z.string(),
  payment_terms_days: z.number().int(),
  credit_rating: z.enum(['A', 'B', 'C', 'D']),
  credit_limit: Amount,
  salesperson: Optional,
  segment: z.string(),
  receivables_account: z.string(),
  is_active: z.boolean(),
  versions: Versions.optional(),
});

export const SalesOrderActed = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  credit_limit: Amount.optional(),
  credit_exposure: Amount.describe('open receivables + open orders + this order').optional(),
});
