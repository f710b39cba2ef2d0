// The demo-company simulator: one fiscal year of Northwind Fabrication GmbH, day by day, posted
// through ingest/ like any other user. The same seed, scale and year always give the same ledger.
import type { Ledger } from '../../ingest/index.ts';
import { Books } from './books.ts';
import { type Day, YearCalendar } from './calendar.ts';
import { Schedule, type Sim } from './context.ts';
import { payBankCharges, payBills, planIrregularExpenses } from './expenses.ts';
import {
  balanceTheCreditLine,
  depreciate,
  openTheCompany,
  planAssetPurchases,
  serviceLoans,
} from './finance.ts';
import { createParties } from './parties.ts';
import { runPayroll } from './payroll.ts';
import { BatchPoster } from './poster.ts';
import { Rng } from './prng.ts';
import { SCALES, type Scale } from './profile.ts';
import { sellForTheDay } from './sales.ts';
import { produceForStock, replenishStock } from './supply.ts';
import { settleVat } from './taxes.ts';

export const DEFAULT_SEED = 42;

export interface SimulationOptions {
  scale?: Scale;
  seed?: number;
  /** Calendar year to simulate; defaults to the last full year before today. */
  year?: number;
  /** Called after each simulated day: days done, days in the year, journals simulated so far. */
  onProgress?: (done: number, total: number, journals: number) => void;
}

export interface SimulationResult {
  scale: Scale;
  seed: number;
  year: number;
  journals: number;
  lines: number;
  elapsed_ms: number;
}

export async function simulateCompany(
  ledger: Ledger,
  { scale = 'small', seed = DEFAULT_SEED, year = lastFullYear(), onProgress }: SimulationOptions = {},
): Promise<SimulationResult> {
  if (!Object.hasOwn(SCALES, scale))
    throw new RangeError(`unknown scale "${scale}"; use small, medium or large`);
  const started = performance.now();
  const poster = new BatchPoster(ledger, `demo-${year}-${scale}-${seed}`);
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
  };
  const days = sim.calendar.days;
  const opening = sim.calendar.businessDayOnOrAfter(`${year}-01-01`);
  sim.schedule.at(opening, (day) => openTheCompany(sim, day));
  planAssetPurchases(sim);
  for (const day of days) {
    simulateDay(sim, day, day === opening);
    await poster.flush();
    onProgress?.(day.index + 1, days.length, sim.books.journals);
  }
  await poster.flush(true);
  onProgress?.(days.length, days.length, poster.posted);
  const elapsed_ms = Math.round(performance.now() - started);
  return { scale, seed, year, journals: sim.books.journals, lines: sim.books.lines, elapsed_ms };
}

/** One day, in the order a bookkeeper would see it: what falls due, then the day's business, then closing. */
function simulateDay(sim: Sim, day: Day, isOpeningDay: boolean): void {
  sim.schedule.runDue(day);
  if (day.isBusinessDay) {
    if (day.isFirstBusinessDayOfMonth) planIrregularExpenses(sim, day);
    payBills(sim, day);
    replenishStock(sim, day);
    produceForStock(sim, day);
    // Sales start the day after opening, once the shelves are stocked.
    if (!isOpeningDay) sellForTheDay(sim, day);
    if (day.isLastBusinessDayOfMonth) closeTheMonthsBusiness(sim, day);
  }
  if (day.isLastDayOfMonth) depreciate(sim, day);
  if (day.isLastDayOfQuarter) settleVat(sim, day);
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
