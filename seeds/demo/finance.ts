// Financing and fixed assets: paid-in capital and the term loan, asset purchases, straight-line
// depreciation (IAS 16: cost over useful life, from the month of acquisition), monthly loan service,
// and a revolving credit line that keeps the bank balance positive at every month end.
import { credit, type DraftLine, debit, shareOf } from './books.ts';
import type { Day } from './calendar.ts';
import { type Sim, scaled } from './context.ts';
import { ASSETS, type AssetPlan, FINANCING, VAT_BP } from './profile.ts';
import { paySupplier } from './supply.ts';

const BANK = '1130';
const TERM_LOAN = '2510';
const REVOLVER = '2410';

export function openTheCompany(sim: Sim, day: Day): void {
  const capital = scaled(sim, FINANCING.shareCapital);
  const loan = scaled(sim, FINANCING.termLoan);
  sim.books.post({
    date: day.date,
    memo: 'Share capital paid in by the shareholders',
    reference: 'CAPITAL',
    lines: [debit(BANK, capital), credit('3100', capital)],
  });
  sim.books.post({
    date: day.date,
    memo: 'Term loan disbursed (8 years, 4.5 %)',
    reference: 'LOAN-1',
    lines: [debit(BANK, loan), credit(TERM_LOAN, loan)],
  });
}

/** Puts each planned asset purchase on the schedule, on the first business day on or after its date. */
export function planAssetPurchases(sim: Sim): void {
  for (const asset of ASSETS) {
    const day = sim.calendar.businessDayOnOrAfter(`${sim.year}-${asset.on}`);
    sim.schedule.at(day, (purchaseDay) => buyAsset(sim, purchaseDay, asset));
  }
}

function buyAsset(sim: Sim, day: Day, asset: AssetPlan): void {
  const net = scaled(sim, asset.netCents);
  const gross = net + shareOf(net, VAT_BP);
  const party = asset.supplier;
  const reference = `FA-${asset.on.replace('-', '')}`;
  const { department, cost_center, project } = asset;
  sim.books.post({
    date: day.date,
    memo: `Asset purchase: ${asset.name}`,
    reference,
    lines: [
      debit(asset.account, net, { department, cost_center, party, ...(project ? { project } : {}) }),
      debit('1250', gross - net, { party }),
      asset.onCredit ? credit('2110', gross, { party }) : credit(BANK, gross),
    ],
  });
  if (asset.onCredit) {
    const due = sim.calendar.businessDayAfter(day, 30);
    sim.schedule.at(due, (payDay) => paySupplier(sim, payDay, party, gross, reference));
  }
}

export function depreciate(sim: Sim, day: Day): void {
  const lines: DraftLine[] = [];
  for (const asset of ASSETS) {
    if (`${sim.year}-${asset.on}` > day.date) continue;
    const monthly = scaled(sim, asset.netCents) / BigInt(asset.usefulLifeMonths);
    const { department, cost_center } = asset;
    lines.push(
      debit('7100', monthly, { department, cost_center }),
      credit(asset.accumulatedAccount, monthly),
    );
  }
  sim.books.post({
    date: day.date,
    memo: `Depreciation ${day.period}`,
    reference: `DEP-${day.period}`,
    lines,
  });
}

/** Interest on both loans for the month, plus the term loan's fixed repayment. */
export function serviceLoans(sim: Sim, day: Day): void {
  const termOutstanding = -sim.books.balance(TERM_LOAN);
  const revolverOutstanding = -sim.books.balance(REVOLVER);
  const interest =
    shareOf(termOutstanding, FINANCING.termLoanRateBp) / 12n +
    shareOf(revolverOutstanding, FINANCING.revolverRateBp) / 12n;
  const repayment = minBig(scaled(sim, FINANCING.termLoanMonthlyRepayment), termOutstanding);
  sim.books.post({
    date: day.date,
    memo: `Loan instalment ${day.period}`,
    reference: `LOAN-${day.period}`,
    lines: [
      debit(TERM_LOAN, repayment),
      debit('8510', interest, { department: 'FIN', cost_center: 'CC-110' }),
      credit(BANK, repayment + interest),
    ],
  });
}

/** At month end: draw on the credit line when cash is below the buffer, repay it when cash is ample. */
export function balanceTheCreditLine(sim: Sim, day: Day): void {
  const buffer = scaled(sim, FINANCING.cashBuffer);
  const step = scaled(sim, FINANCING.revolverStep);
  const cash = sim.books.balance(BANK);
  const outstanding = -sim.books.balance(REVOLVER);
  if (cash < buffer) {
    const draw = roundUp(buffer - cash, step);
    post(sim, day, 'Drawdown of the revolving credit line', [debit(BANK, draw), credit(REVOLVER, draw)]);
  } else if (outstanding > 0n && cash > buffer * 3n) {
    const repay = minBig(outstanding, ((cash - buffer * 2n) / step) * step);
    if (repay > 0n) {
      post(sim, day, 'Repayment of the revolving credit line', [debit(REVOLVER, repay), credit(BANK, repay)]);
    }
  }
}

function post(sim: Sim, day: Day, memo: string, lines: DraftLine[]): void {
  sim.books.post({ date: day.date, memo, reference: `RCF-${day.period}`, lines });
}

function roundUp(amount: bigint, step: bigint): bigint {
  return ((amount + step - 1n) / step) * step;
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
