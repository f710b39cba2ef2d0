// Supply: production runs that turn raw materials into finished goods, and the supplier payments of
// purchases the finance module books by hand (fixed assets). Raw materials and merchandise are bought and
// issued through purchasing and warehouse documents (purchasing.ts, warehouse.ts). Finished goods can never
// go negative: a sale first calls `ensureStock`, which produces the shortfall.
import { credit, debit } from './books.ts';
import type { Day } from './calendar.ts';
import { nextReference, type Sim, scaled } from './context.ts';
import { SEASONALITY_PERCENT, STOCK_TARGETS } from './profile.ts';
import { issueMaterialsForProduction } from './warehouse.ts';

export const FINISHED_GOODS_ACCOUNT = '1330';

/** Finished goods the company wants on hand this month, in minor units at material cost. */
export function finishedGoodsTarget(sim: Sim, day: Day): bigint {
  const season = BigInt(SEASONALITY_PERCENT[day.month - 1] ?? 100);
  return (scaled(sim, STOCK_TARGETS.finishedGoods) * season) / 100n;
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
  const deficit = finishedGoodsTarget(sim, day) - sim.books.balance(FINISHED_GOODS_ACCOUNT);
  if (deficit > 0n) produce(sim, day, deficit, 'Production run');
}

/** Raw materials consumed into finished goods at material cost (labour stays a period cost in 6110). */
function produce(sim: Sim, day: Day, cost: bigint, memoPrefix: string): void {
  issueMaterialsForProduction(sim, day, cost, `${memoPrefix} ${nextReference(sim, 'RUN')}`);
}

/** Makes sure finished goods worth `need` are on hand before they are sold: a rush production run. */
export function ensureFinishedGoods(sim: Sim, day: Day, need: bigint): void {
  const shortfall = need - sim.books.balance(FINISHED_GOODS_ACCOUNT);
  if (shortfall <= 0n) return;
  produce(sim, day, shortfall + finishedGoodsTarget(sim, day) / 4n, 'Rush production run');
}
