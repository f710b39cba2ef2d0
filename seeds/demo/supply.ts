// Supply: stock replenishment on credit (raw materials, merchandise), supplier payments, and
// production runs that turn raw materials into finished goods. Stock can never go negative:
// anything that consumes stock first calls `ensureStock`, which buys or produces the shortfall.
import { credit, debit, shareOf } from './books.ts';
import type { Day } from './calendar.ts';
import { nextReference, type Sim, scaled } from './context.ts';
import { PURCHASES_PER_BUSINESS_DAY, SEASONALITY_PERCENT, STOCK_TARGETS, VAT_BP } from './profile.ts';

export type StockKind = 'rawMaterials' | 'finishedGoods' | 'merchandise';

export const STOCK_ACCOUNTS: Record<StockKind, string> = {
  rawMaterials: '1310',
  finishedGoods: '1330',
  merchandise: '1340',
};

const PAYMENT_TERMS_DAYS = { rawMaterials: 30, merchandise: 14 } as const;
const PURCHASE_LABEL = { rawMaterials: 'raw materials', merchandise: 'merchandise' } as const;

/** Stock the company wants on hand this month, in minor units. */
export function stockTarget(sim: Sim, day: Day, kind: StockKind): bigint {
  const season = BigInt(SEASONALITY_PERCENT[day.month - 1] ?? 100);
  return (scaled(sim, STOCK_TARGETS[kind]) * season) / 100n;
}

/** Buys raw materials and merchandise back up to their targets, spread over a few supplier invoices. */
export function replenishStock(sim: Sim, day: Day): void {
  for (const kind of ['rawMaterials', 'merchandise'] as const) {
    const target = stockTarget(sim, day, kind);
    const deficit = target - sim.books.balance(STOCK_ACCOUNTS[kind]);
    if (deficit < target / 200n) continue;
    const invoices = Math.max(1, sim.rng.count(PURCHASES_PER_BUSINESS_DAY * sim.volume));
    for (let index = 0; index < invoices; index++) {
      buyOnCredit(sim, day, kind, sim.rng.vary(deficit / BigInt(invoices), 15));
    }
  }
}

/** A supplier invoice for goods (stock + input VAT against trade payables), paid when due. */
export function buyOnCredit(
  sim: Sim,
  day: Day,
  kind: 'rawMaterials' | 'merchandise',
  net: bigint,
  memoPrefix = 'Supplier invoice',
): void {
  const suppliers = kind === 'rawMaterials' ? sim.parties.rawSuppliers : sim.parties.merchandiseSuppliers;
  const party = sim.rng.pick(suppliers);
  const gross = net + shareOf(net, VAT_BP);
  const reference = nextReference(sim, 'BILL');
  sim.books.post({
    date: day.date,
    memo: `${memoPrefix} ${reference} · ${PURCHASE_LABEL[kind]} from ${party}`,
    reference,
    lines: [
      debit(STOCK_ACCOUNTS[kind], net, { department: 'PUR', cost_center: 'CC-300', party }),
      debit('1250', gross - net, { party }),
      credit('2110', gross, { party }),
    ],
  });
  const due = sim.calendar.businessDayAfter(day, PAYMENT_TERMS_DAYS[kind]);
  sim.schedule.at(due, (payDay) => paySupplier(sim, payDay, party, gross, reference));
}

export function paySupplier(sim: Sim, day: Day, party: string, amount: bigint, reference: string): void {
  sim.books.post({
    date: day.date,
    memo: `Payment to ${party} for ${reference}`,
    reference,
    lines: [debit('2110', amount, { party }), credit('1130', amount)],
  });
}

/** The day's production run refills finished goods to their target (one production report a day). */
export function produceForStock(sim: Sim, day: Day): void {
  const deficit = stockTarget(sim, day, 'finishedGoods') - sim.books.balance(STOCK_ACCOUNTS.finishedGoods);
  if (deficit > 0n) produce(sim, day, deficit, 'Production run');
}

/** Raw materials consumed into finished goods at material cost (labour stays a period cost in 6110). */
function produce(sim: Sim, day: Day, cost: bigint, memoPrefix: string): void {
  ensureStock(sim, day, 'rawMaterials', cost);
  sim.books.post({
    date: day.date,
    memo: `${memoPrefix} ${nextReference(sim, 'RUN')} · finished goods at material cost`,
    lines: [
      debit(STOCK_ACCOUNTS.finishedGoods, cost, { department: 'PRD', cost_center: 'CC-510' }),
      credit(STOCK_ACCOUNTS.rawMaterials, cost, { department: 'PRD', cost_center: 'CC-500' }),
    ],
  });
}

/** Makes sure `need` is on hand before it is consumed: a rush purchase or a rush production run. */
export function ensureStock(sim: Sim, day: Day, kind: StockKind, need: bigint): void {
  const shortfall = need - sim.books.balance(STOCK_ACCOUNTS[kind]);
  if (shortfall <= 0n) return;
  const topUp = shortfall + stockTarget(sim, day, kind) / 4n;
  if (kind === 'finishedGoods') produce(sim, day, topUp, 'Rush production run');
  else buyOnCredit(sim, day, kind, topUp, 'Rush supplier invoice');
}
