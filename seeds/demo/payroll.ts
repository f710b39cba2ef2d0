// Monthly payroll: gross salaries and the employer's social security per department and cost centre,
// owed as net wages, withheld wage tax and social security; net wages are paid the same day,
// taxes and contributions on the 10th of the next month.
import { credit, type DraftLine, debit, shareOf } from './books.ts';
import type { Day } from './calendar.ts';
import { type Sim, scaled } from './context.ts';
import { MIDYEAR_RAISE_BP, PAYROLL_BP, STAFF } from './profile.ts';
import { tenthOfNextMonth } from './taxes.ts';

export function runPayroll(sim: Sim, day: Day): void {
  const expenseLines: DraftLine[] = [];
  let gross = 0n;
  let employerShare = 0n;
  for (const unit of STAFF) {
    const raise = day.month >= 7 ? MIDYEAR_RAISE_BP : 0n;
    const salary = scaled(sim, unit.grossCents * BigInt(unit.headcount));
    const unitGross = salary + shareOf(salary, raise);
    const unitEmployer = shareOf(unitGross, PAYROLL_BP.employerSocialSecurity);
    const dimensions = { department: unit.department, cost_center: unit.cost_center };
    expenseLines.push(debit('6110', unitGross, dimensions), debit('6120', unitEmployer, dimensions));
    gross += unitGross;
    employerShare += unitEmployer;
  }
  const wageTax = shareOf(gross, PAYROLL_BP.wageTax);
  const socialSecurity = shareOf(gross, PAYROLL_BP.employeeSocialSecurity) + employerShare;
  const net = gross - wageTax - (socialSecurity - employerShare);
  const reference = `PAYROLL-${day.period}`;
  sim.books.post({
    date: day.date,
    memo: `Payroll ${day.period}`,
    reference,
    lines: [...expenseLines, credit('2310', net), credit('2320', wageTax), credit('2330', socialSecurity)],
  });
  sim.books.post({
    date: day.date,
    memo: `Net wages ${day.period} paid`,
    reference,
    lines: [debit('2310', net), credit('1130', net)],
  });
  sim.schedule.at(tenthOfNextMonth(sim, day), (payDay) =>
    sim.books.post({
      date: payDay.date,
      memo: `Wage tax and social security for ${day.period} paid`,
      reference,
      lines: [
        debit('2320', wageTax),
        debit('2330', socialSecurity),
        credit('1130', wageTax + socialSecurity),
      ],
    }),
  );
}
