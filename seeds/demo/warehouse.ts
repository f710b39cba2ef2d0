// The warehouse in the demo: raw materials issued to production runs, consumables issued to maintenance and
// the office (now and then partly returned), transfers to the maintenance store, and stock counts at the half
// year and the year end with losses and gains. Merchandise leaves by shipments (sales-documents.ts).
import {
  parseMoney,
  parseOrThrow,
  StockCountInput,
  StockIssueInput,
  StockTransferInput,
  stockCountCommand,
  stockIssueCommand,
  stockTransferCommand,
} from '../../ingest/index.ts';
import { credit, debit } from './books.ts';
import type { Day } from './calendar.ts';
import type { Sim } from './context.ts';
import { STOREKEEPER } from './documents.ts';
import { ensureAvailable } from './purchasing.ts';
import { MAIN_WAREHOUSE, MAINTENANCE_STORE, STOCK_ITEMS, type StockItem } from './stock-catalogue.ts';

const WORK_IN_PROGRESS = '1320';
const FINISHED_GOODS = '1330';
/** FIFO or average cost of a run's materials against their standard cost (prices at the start of the year). */
const MATERIAL_VARIANCE = '5220';
/** Chance in percent that maintenance brings part of an issue back unused. */
const RETURN_PERCENT = 12;

const RAW_ITEMS = STOCK_ITEMS.filter((item) => item.role === 'raw');
const MAINTENANCE_ITEMS = STOCK_ITEMS.filter((item) => item.expenseAccount === '6330');
const OFFICE_ITEMS = STOCK_ITEMS.filter(
  (item) => item.expenseAccount === '6370' && item.role === 'consumable',
);

/**
 * A production run worth `cost` of materials: finished goods at standard material cost (Dr 1330 / Cr 1320),
 * the materials issued into work in progress at their FIFO or average cost (Dr 1320 / Cr 1310), and the
 * difference between the two out of work in progress into the material variance.
 */
export function issueMaterialsForProduction(sim: Sim, day: Day, cost: bigint, label: string): void {
  const lines = RAW_ITEMS.map((item) => ({
    item,
    quantity: Math.max(1, Number((cost * BigInt(item.shareBp)) / 10_000n / item.priceCents)),
  }));
  const standard = lines.reduce((sum, line) => sum + BigInt(line.quantity) * line.item.priceCents, 0n);
  for (const line of lines) {
    ensureAvailable(sim, day, line.item, MAIN_WAREHOUSE, line.quantity);
    sim.supply.move(line.item.sku, MAIN_WAREHOUSE, -line.quantity);
  }
  sim.books.post({
    date: day.date,
    memo: `${label} · finished goods at standard material cost`,
    lines: [
      debit(FINISHED_GOODS, standard, { department: 'PRD', cost_center: 'CC-510' }),
      credit(WORK_IN_PROGRESS, standard, { department: 'PRD', cost_center: 'CC-510' }),
    ],
  });
  const input = parseOrThrow(StockIssueInput, {
    date: day.date,
    warehouse: MAIN_WAREHOUSE,
    department: 'PRD',
    cost_center: 'CC-500',
    expense_account: WORK_IN_PROGRESS,
    memo: `Materials for ${label}`,
    lines: lines.map((line) => ({ item: line.item.sku, quantity: String(line.quantity) })),
  });
  sim.supply.documents.postAndSettle(
    STOREKEEPER,
    (actor) => stockIssueCommand(actor, input),
    (body) => settleMaterialVariance(sim, day, label, standard, issuedValue(body)),
  );
}

function issuedValue(body: Record<string, unknown>): bigint {
  const journal = body.journal as { total?: string } | null;
  const parsed = parseMoney(journal?.total ?? '0');
  return parsed.ok ? parsed.minor : 0n;
}

function settleMaterialVariance(sim: Sim, day: Day, label: string, standard: bigint, actual: bigint): void {
  const variance = actual - standard;
  if (variance === 0n) return;
  const dimensions = { department: 'PRD', cost_center: 'CC-500' };
  sim.books.post({
    date: day.date,
    memo: `${label} · material cost ${variance > 0n ? 'above' : 'below'} standard`,
    lines:
      variance > 0n
        ? [debit(MATERIAL_VARIANCE, variance, dimensions), credit(WORK_IN_PROGRESS, variance, dimensions)]
        : [debit(WORK_IN_PROGRESS, -variance, dimensions), credit(MATERIAL_VARIANCE, -variance, dimensions)],
  });
}

/** Consumables: maintenance draws from its store twice a week, the office from the main warehouse monthly. */
export function issueConsumables(sim: Sim, day: Day): void {
  const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay();
  if (day.isFirstBusinessDayOfMonth) restockMaintenanceStore(sim, day);
  if (weekday === 2 || weekday === 4) issueToMaintenance(sim, day);
  if (day.isFirstBusinessDayOfMonth) issueToOffice(sim, day);
}

/** Monthly transfer that brings the maintenance store back to about a month of use. */
function restockMaintenanceStore(sim: Sim, day: Day): void {
  const lines = MAINTENANCE_ITEMS.map((item) => {
    const wanted = monthlyUse(sim, item) - sim.supply.quantity(item.sku, MAINTENANCE_STORE);
    return { item, quantity: Math.max(0, wanted) };
  }).filter((line) => line.quantity > 0);
  transfer(sim, day, lines);
}

function monthlyUse(sim: Sim, item: StockItem): number {
  return Math.max(2, Math.round((8 * item.packSize * sim.volume) / 2));
}

function transfer(sim: Sim, day: Day, lines: Array<{ item: StockItem; quantity: number }>): void {
  if (lines.length === 0) return;
  for (const line of lines) {
    ensureAvailable(sim, day, line.item, MAIN_WAREHOUSE, line.quantity);
    sim.supply.move(line.item.sku, MAIN_WAREHOUSE, -line.quantity);
    sim.supply.move(line.item.sku, MAINTENANCE_STORE, line.quantity);
  }
  const input = parseOrThrow(StockTransferInput, {
    date: day.date,
    from_warehouse: MAIN_WAREHOUSE,
    to_warehouse: MAINTENANCE_STORE,
    memo: 'Restocking the maintenance store',
    lines: lines.map((line) => ({ item: line.item.sku, quantity: String(line.quantity) })),
  });
  sim.supply.documents.post(STOREKEEPER, (actor) => stockTransferCommand(actor, input));
}

function issueToMaintenance(sim: Sim, day: Day): void {
  const item = sim.rng.pick(MAINTENANCE_ITEMS);
  const quantity = sim.rng.int(1, Math.max(1, Math.round(monthlyUse(sim, item) / 6)));
  if (sim.supply.quantity(item.sku, MAINTENANCE_STORE) < quantity) {
    transfer(sim, day, [{ item, quantity: quantity + monthlyUse(sim, item) }]);
  }
  sim.supply.move(item.sku, MAINTENANCE_STORE, -quantity);
  const input = parseOrThrow(StockIssueInput, {
    date: day.date,
    warehouse: MAINTENANCE_STORE,
    department: 'PRD',
    cost_center: 'CC-600',
    person: sim.rng.pick(['K. Brandt (maintenance)', 'J. Weber (maintenance)']),
    lines: [{ item: item.sku, quantity: String(quantity) }],
  });
  const returned = item.shelfLifeDays === undefined && quantity > 1 && sim.rng.chance(RETURN_PERCENT);
  const comesBack = returned ? sim.calendar.businessDayAfter(day, 2) : undefined;
  sim.supply.documents.postAndNote(
    STOREKEEPER,
    (actor) => stockIssueCommand(actor, input),
    (body) => {
      const issue = String(body.number);
      sim.schedule.at(comesBack, (on) => returnUnused(sim, on, issue, item));
    },
  );
}

function returnUnused(sim: Sim, day: Day, issue: string, item: StockItem): void {
  sim.supply.move(item.sku, MAINTENANCE_STORE, 1);
  const input = parseOrThrow(StockIssueInput, {
    kind: 'return',
    returns: issue,
    date: day.date,
    warehouse: MAINTENANCE_STORE,
    department: 'PRD',
    cost_center: 'CC-600',
    memo: 'Unused, back to the store',
    lines: [{ item: item.sku, quantity: '1' }],
  });
  sim.supply.documents.post(STOREKEEPER, (actor) => stockIssueCommand(actor, input));
}

function issueToOffice(sim: Sim, day: Day): void {
  const lines = OFFICE_ITEMS.map((item) => ({ item, quantity: sim.rng.int(1, 2 * sim.volume) }));
  for (const line of lines) {
    ensureAvailable(sim, day, line.item, MAIN_WAREHOUSE, line.quantity);
    sim.supply.move(line.item.sku, MAIN_WAREHOUSE, -line.quantity);
  }
  const input = parseOrThrow(StockIssueInput, {
    date: day.date,
    warehouse: MAIN_WAREHOUSE,
    department: 'ADM',
    cost_center: 'CC-100',
    person: 'Front office',
    lines: lines.map((line) => ({ item: line.item.sku, quantity: String(line.quantity) })),
  });
  sim.supply.documents.post(STOREKEEPER, (actor) => stockIssueCommand(actor, input));
}

/**
 * A count of the main warehouse's items without batches: most agree with the books, some show a loss
 * (breakage, miscounted picks), a few a gain; the differences post to inventory differences (5260).
 */
export function countTheMainWarehouse(sim: Sim, day: Day): void {
  const lines = STOCK_ITEMS.filter((item) => item.shelfLifeDays === undefined)
    .map((item) => ({ item, book: sim.supply.quantity(item.sku, MAIN_WAREHOUSE) }))
    .filter((line) => line.book > 0)
    .map(({ item, book }) => {
      const roll = sim.rng.int(1, 100);
      const loss = Math.max(1, Math.round((book * sim.rng.int(5, 20)) / 1_000));
      const counted = roll <= 60 ? book : roll <= 90 ? book - Math.min(loss, book) : book + sim.rng.int(1, 3);
      sim.supply.move(item.sku, MAIN_WAREHOUSE, counted - book);
      return { item: item.sku, counted: String(counted) };
    });
  if (lines.length === 0) return;
  const input = parseOrThrow(StockCountInput, {
    date: day.date,
    warehouse: MAIN_WAREHOUSE,
    memo: `Stock count ${day.period}`,
    lines,
  });
  sim.supply.documents.post(STOREKEEPER, (actor) => stockCountCommand(actor, input));
}
