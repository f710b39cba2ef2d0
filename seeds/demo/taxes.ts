// VAT: each quarter's output VAT is netted against input VAT into the settlement account and paid to
// (or refunded by) the tax office on the 10th of the following month, as German advance returns are.
import { credit, debit } from './books.ts';
import { addDays, type Day } from './calendar.ts';
import type { Sim } from './context.ts';

/** The business day on or after the 10th of the month after `day`, or undefined in the next year. */
export function tenthOfNextMonth(sim: Sim, day: Day): Day | undefined {
  if (day.month === 12) return undefined;
  const firstOfNext = addDays(`${day.period}-28`, 7).slice(0, 7);
  return sim.calendar.businessDayOnOrAfter(`${firstOfNext}-10`);
}

export function settleVat(sim: Sim, day: Day): void {
  const output = -sim.books.balance('2210');
  const input = sim.books.balance('1250');
  const payable = output - input;
  const quarter = `${sim.year}-Q${Math.ceil(day.month / 3)}`;
  const reference = `VAT-${quarter}`;
  sim.books.post({
    date: day.date,
    memo: `VAT return ${quarter}`,
    reference,
    lines: [debit('2210', output), credit('1250', input), credit('2220', payable)],
  });
  sim.schedule.at(tenthOfNextMonth(sim, day), (payDay) =>
    sim.books.post({
      date: payDay.date,
      memo: payable >= 0n ? `VAT ${quarter} paid` : `VAT ${quarter} refunded`,
      reference,
      lines: [debit('2220', payable), credit('1130', payable)],
    }),
  );
}
