// The demo-company simulator: one fiscal year of Northwind Fabrication GmbH, day by day, posted
// through ingest/ like any other user. The same seed, scale and year always give the same ledger.
import type { Ledger } from '../../ingest/index.ts';
import { Books } from './books.ts';
import { type Day, YearCalendar } from './calendar.ts';
import { Schedule, type Sim } from './context.ts';
import { DocumentPoster } from './documents.ts';
import { payBankCharges, payBills, planIrregularExpenses } from './expenses.ts';
import {
  balanceTheCreditLine,
  depreciate,
  openTheCompany,
  planAssetPurchases,
  serviceLoans,
} from './finance.ts';
import { createParties } from './parties.ts';
import { invoiceTheMonth, paySuppliers } from './payables.ts';
import { runPayroll } from './payroll.ts';
import { BatchPoster } from './poster.ts';
import { Rng } from './prng.ts';
import { SCALES, type Scale } from './profile.ts';
import { reorderStock } from './purchasing.ts';
import { raisePrices, setUpMasterData } from './purchasing-master-data.ts';
import { receiveTheDaysPayments } from './receivables.ts';
import { sellForTheDay } from './sales.ts';
import { SalesBook } from './sales-book.ts';
import { invoiceTheWeeksShipments, setUpCustomers } from './sales-documents.ts';
import { produceForStock } from './supply.ts';
import { SupplyChain } from './supply-chain.ts';
import { settleVat } from './taxes.ts';
import { countTheMainWarehouse, issueConsumables } from './warehouse.ts';

export const DEFAULT_SEED = 42;
/** Suppliers raise their prices from this month; the warehouse is counted at the end of these months. */
const PRICE_RISE_MONTH = 7;
const COUNT_MONTHS = [6, 12];

export interface SimulationOptions {
  scale?: Scale;
  seed?: number;
  /** Calendar year to simulate; defaults to the last full year before today. */
  year?: number;
  /**
   * Simulate only the year's first this many months (1-12; default 12): a shorter run for checks that need
   * the simulator's behaviour rather than a whole year's figures.
   */
  months?: number;
  /** Called after each simulated day: days done, days in the year, journals simulated so far. */
  onProgress?: (done: number, total: number, journals: number) => void;
}

export interface SimulationResult {
  scale: Scale;
  seed: number;
  year: number;
  journals: number;
  lines: number;
  /** Business documents (master data, purchasing and warehouse documents and their state changes). */
  documents: number;
  elapsed_ms: number;
}

export async function simulateCompany(
  ledger: Ledger,
  {
    scale = 'small',
    seed = DEFAULT_SEED,
    year = lastFullYear(),
    months = 12,
    onProgress,
  }: SimulationOptions = {},
): Promise<SimulationResult> {
  if (!Object.hasOwn(SCALES, scale))
    throw new RangeError(`unknown scale "${scale}"; use small, medium or large`);
  if (!Number.isInteger(months) || months < 1 || months > 12)
    throw new RangeError(`months must be a whole number from 1 to 12, not ${months}`);
  const started = performance.now();
  const keyPrefix = `demo-${year}-${scale}-${seed}`;
  const poster = new BatchPoster(ledger, keyPrefix);
  const rng = new Rng(seed);
  const volume = SCALES[scale].volume;
  const sim: Sim = {
    rng,
    books: new Books((journal) => poster.add(journal)),
    calendar: new YearCalendar(year),
    parties: createParties(rng, volume),
    schedule: new Schedule(),
    volume,
    year,
    counters: new Map(),
    supply: new SupplyChain(new DocumentPoster(ledger, keyPrefix)),
    sales: new SalesBook(),
  };
  const days = sim.calendar.days.filter((day) => day.month <= months);
  const opening = sim.calendar.businessDayOnOrAfter(`${year}-01-01`);
  sim.schedule.at(opening, (day) => openTheCompany(sim, day));
  planAssetPurchases(sim);
  const documents = sim.supply.documents;
  for (const day of days) {
    // Yesterday's answers first (numbers of new orders, invoices): what they plan may be due today, and the
    // documents they queue go out with today's, so that the writer commits a day in as few groups as it can.
    await documents.noteAnswers();
    simulateDay(sim, day, day === opening);
    // Documents first: their answers may add journals (production variances, at month end).
    await documents.flush();
    if (day.isLastDayOfQuarter) {
      // The VAT return reads the output VAT of the quarter's invoices from their answers.
      await documents.noteAnswers();
      settleVat(sim, day);
    }
    if (day.isLastDayOfMonth) await documents.settle();
    await poster.flush();
    onProgress?.(day.index + 1, days.length, sim.books.journals);
  }
  await documents.settle();
  await poster.flush(true);
  onProgress?.(days.length, days.length, poster.posted);
  const elapsed_ms = Math.round(performance.now() - started);
  const { journals, lines } = sim.books;
  return { scale, seed, year, journals, lines, documents: sim.supply.documents.posted, elapsed_ms };
}

/** One day, in the order a bookkeeper would see it: what falls due, then the day's business, then closing. */
function simulateDay(sim: Sim, day: Day, isOpeningDay: boolean): void {
  sim.schedule.runDue(day);
  if (day.isBusinessDay) {
    if (isOpeningDay) setUpMasterData(sim);
    if (isOpeningDay) setUpCustomers(sim);
    if (day.isFirstBusinessDayOfMonth) planIrregularExpenses(sim, day);
    if (day.isFirstBusinessDayOfMonth && day.month === PRICE_RISE_MONTH) raisePrices(sim, day);
    payBills(sim, day);
    paySuppliers(sim, day);
    receiveTheDaysPayments(sim);
    reorderStock(sim, day);
    produceForStock(sim, day);
    // Sales start the day after opening, once the shelves are stocked.
    if (!isOpeningDay) sellForTheDay(sim, day);
    issueConsumables(sim, day);
    if (day.isLastBusinessDayOfMonth) invoiceTheMonth(sim, day);
    if (day.isLastBusinessDayOfMonth && COUNT_MONTHS.includes(day.month)) countTheMainWarehouse(sim, day);
    if (day.isLastBusinessDayOfMonth) closeTheMonthsBusiness(sim, day);
    invoiceTheWeeksShipments(sim, day);
    sim.sales.postTheDaysCustomerDocuments(day);
  }
  if (day.isLastDayOfMonth) depreciate(sim, day);
}

/** Month-end cash movements; the credit line comes last so it sees the month's final bank balance. */
function closeTheMonthsBusiness(sim: Sim, day: Day): void {
  runPayroll(sim, day);
  serviceLoans(sim, day);
  payBankCharges(sim, day);
  balanceTheCreditLine(sim, day);
}

export function lastFullYear(now = new Date()): number {
  return now.getUTCFullYear() - 1;
}
