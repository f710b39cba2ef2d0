// Sales: orders of products invoiced on credit by journal (revenue + output VAT), the goods issue that posts
// their cost of sales, and the customer's payment when its habit says it comes (a few pay very late or next
// year); the merchandise of an order is sold through sales documents (sales-documents.ts). Products stay
// journals until production posts finished goods as stock items.
import { credit, type DraftLine, debit, shareOf } from './books.ts';
import type { Day } from './calendar.ts';
import { nextReference, type Sim } from './context.ts';
import { type Customer, paymentDelayDays } from './parties.ts';
import {
  CATALOGUE,
  type CatalogueItem,
  ORDERS_PER_BUSINESS_DAY,
  SEASONALITY_PERCENT,
  VAT_BP,
} from './profile.ts';
import type { MerchandiseLine } from './sales-book.ts';
import { sellMerchandise } from './sales-documents.ts';
import { ensureFinishedGoods, FINISHED_GOODS_ACCOUNT } from './supply.ts';

const ORDER_ITEMS_MAX = 3;
/** The product line launched as a project; its revenue is tagged with it. */
const ECO_PROJECT = { sku: 'NF-ECO-610', project: 'PRJ-003' } as const;
const NORDIC_PROJECT = 'PRJ-005';

interface OrderTotals {
  /** Net revenue of the products per `account|project`; merchandise is sold through documents. */
  revenue: Map<string, bigint>;
  productCost: bigint;
  merchandise: MerchandiseLine[];
}

export function sellForTheDay(sim: Sim, day: Day): void {
  const season = SEASONALITY_PERCENT[day.month - 1] ?? 100;
  const orders = sim.rng.count((ORDERS_PER_BUSINESS_DAY * sim.volume * season) / 100);
  for (let index = 0; index < orders; index++) sellOrder(sim, day);
}

function sellOrder(sim: Sim, day: Day): void {
  const { customers, customerWeights } = sim.parties;
  const customer = sim.rng.pickWeighted(customers, customerWeights);
  const totals = priceOrder(sim, customer);
  if (totals.merchandise.length > 0) sellMerchandise(sim, day, customer, totals.merchandise);
  if (totals.revenue.size === 0) return;
  ensureFinishedGoods(sim, day, totals.productCost);
  const reference = nextReference(sim, 'ORD');
  const gross = invoice(sim, day, customer, totals, reference);
  issueGoods(sim, day, customer, totals, reference);
  const days = customer.termsDays + paymentDelayDays(sim.rng, customer.habit);
  sim.schedule.at(sim.calendar.businessDayAfter(day, days), (payDay) =>
    receivePayment(sim, payDay, customer.party, gross, reference),
  );
}

function priceOrder(sim: Sim, customer: Customer): OrderTotals {
  const totals: OrderTotals = { revenue: new Map(), productCost: 0n, merchandise: [] };
  const items = sim.rng.int(1, ORDER_ITEMS_MAX);
  for (let index = 0; index < items; index++) {
    const item = sim.rng.pick(CATALOGUE);
    const quantity = BigInt(sim.rng.int(1, item.maxQuantity) * customer.size);
    if (item.kind === 'merchandise') {
      const line = totals.merchandise.find((candidate) => candidate.sku === item.sku);
      if (line) line.quantity += Number(quantity);
      else
        totals.merchandise.push({ sku: item.sku, quantity: Number(quantity), priceCents: item.priceCents });
      continue;
    }
    const key = `4110|${projectOf(item, customer) ?? ''}`;
    totals.revenue.set(key, (totals.revenue.get(key) ?? 0n) + quantity * item.priceCents);
    totals.productCost += quantity * item.costCents;
  }
  return totals;
}

function projectOf(item: CatalogueItem, customer: Customer): string | undefined {
  if (customer.isNordic) return NORDIC_PROJECT;
  return item.sku === ECO_PROJECT.sku ? ECO_PROJECT.project : undefined;
}

/** Posts the invoice; export customers are invoiced without VAT (intra-EU reverse charge). */
function invoice(sim: Sim, day: Day, customer: Customer, totals: OrderTotals, reference: string): bigint {
  const party = customer.party;
  const cost_center = customer.isExport ? 'CC-210' : 'CC-200';
  const revenueLines: DraftLine[] = [];
  let net = 0n;
  for (const [key, amount] of totals.revenue) {
    const [account = '4110', project] = key.split('|');
    revenueLines.push(
      credit(account, amount, { department: 'SAL', cost_center, party, ...(project ? { project } : {}) }),
    );
    net += amount;
  }
  const vat = customer.isExport ? 0n : shareOf(net, VAT_BP);
  sim.books.post({
    date: day.date,
    memo: `Invoice for order ${reference} to ${party}`,
    reference,
    lines: [debit('1210', net + vat, { party }), ...revenueLines, credit('2210', vat, { party })],
  });
  return net + vat;
}

/** The products leave the warehouse: cost of sales against finished goods (merchandise: its shipment). */
function issueGoods(sim: Sim, day: Day, customer: Customer, totals: OrderTotals, reference: string): void {
  const dimensions = { department: 'WHS', cost_center: 'CC-400', party: customer.party };
  sim.books.post({
    date: day.date,
    memo: `Goods issue for order ${reference}`,
    reference,
    lines: [
      debit('5110', totals.productCost, dimensions),
      credit(FINISHED_GOODS_ACCOUNT, totals.productCost, { department: 'WHS', cost_center: 'CC-400' }),
    ],
  });
}

function receivePayment(sim: Sim, day: Day, party: string, amount: bigint, reference: string): void {
  sim.books.post({
    date: day.date,
    memo: `Receipt from ${party} for order ${reference}`,
    reference,
    lines: [debit('1130', amount), credit('1210', amount, { party })],
  });
}
