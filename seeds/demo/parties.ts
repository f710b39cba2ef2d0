// Customers and suppliers of the demo company: party codes, order sizes, payment terms and habits.

import type { Rng } from './prng.ts';
import { PARTY_COUNTS, SERVICE_SUPPLIER_COUNT } from './profile.ts';

export type PaymentHabit = 'punctual' | 'slow' | 'late';

export interface Customer {
  party: string;
  /** Domestic customers pay VAT; export customers (EU reverse charge) do not. */
  isExport: boolean;
  /** Nordic customers belong to the market-entry project. */
  isNordic: boolean;
  /** Quantity multiplier: bigger customers order more per order. */
  size: number;
  termsDays: number;
  habit: PaymentHabit;
}

export interface Parties {
  customers: Customer[];
  /** Running order weights of `customers`, for weighted picks (a few customers bring most orders). */
  customerWeights: number[];
  rawSuppliers: string[];
  merchandiseSuppliers: string[];
}

function code(prefix: string, number: number): string {
  return `${prefix}-${String(number).padStart(4, '0')}`;
}

/**
 * How many orders the customer at `index` brings, relative to the others: Zipf-like with a floor, so a few
 * key accounts bring many orders and the long tail a few each. Integers keep picks identical everywhere.
 */
export function orderWeight(index: number): number {
  return Math.floor(1_000_000 / (index + 1)) + 100_000;
}

export function createParties(rng: Rng, volume: number): Parties {
  const customers: Customer[] = [];
  const customerWeights: number[] = [];
  let total = 0;
  for (let index = 0; index < PARTY_COUNTS.customers * volume; index++) {
    customers.push(createCustomer(rng, code('CUST', index + 1)));
    total += orderWeight(index);
    customerWeights.push(total);
  }
  const supplierCodes = (from: number, count: number) =>
    Array.from({ length: count }, (_, offset) => code('SUPP', from + offset));
  const rawCount = PARTY_COUNTS.rawSuppliers * volume;
  return {
    customers,
    customerWeights,
    rawSuppliers: supplierCodes(SERVICE_SUPPLIER_COUNT + 1, rawCount),
    merchandiseSuppliers: supplierCodes(
      SERVICE_SUPPLIER_COUNT + 1 + rawCount,
      PARTY_COUNTS.merchandiseSuppliers * volume,
    ),
  };
}

function createCustomer(rng: Rng, party: string): Customer {
  const isExport = rng.chance(25);
  const habitRoll = rng.int(1, 100);
  return {
    party,
    isExport,
    isNordic: isExport && rng.chance(40),
    size: rng.pick([1, 1, 1, 2, 2, 3]),
    termsDays: rng.pick([14, 30, 30, 30, 45]),
    habit: habitRoll <= 65 ? 'punctual' : habitRoll <= 85 ? 'slow' : 'late',
  };
}

/** Days after the due date a customer pays, by habit (negative = early). */
export function paymentDelayDays(rng: Rng, habit: PaymentHabit): number {
  if (habit === 'punctual') return rng.int(-5, 3);
  if (habit === 'slow') return rng.int(5, 25);
  return rng.int(30, 100);
}
