// Operating expenses paid by bank: fixed monthly bills (rent, software, insurance, utilities, fees)
// described as data, and irregular ones (marketing campaigns, travel claims) on random days.
import { credit, type Dimensions, type DraftLine, debit, shareOf } from './books.ts';
import type { Day } from './calendar.ts';
import { type Sim, scaled } from './context.ts';
import { SERVICE_SUPPLIERS, TRAVEL_CLAIMS_PER_MONTH, VAT_BP } from './profile.ts';

interface Bill {
  name: string;
  account: string;
  /** Net amount at the small scale. */
  netCents: bigint;
  /** Random variation in percent; 0 for contractual amounts. */
  varyPercent: number;
  hasVat: boolean;
  party?: string;
  /** Day of month it is paid (rolled to the next business day); 1 = first business day. */
  dayOfMonth: number;
  /** Months it is due in; every month when absent. */
  months?: readonly number[];
  /** Where the cost lands; the net amount is split by these basis points (summing to 10 000). */
  split: ReadonlyArray<Dimensions & { bp: bigint }>;
}

const BILLS: readonly Bill[] = [
  {
    name: 'Rent for offices and plant',
    account: '6310',
    netCents: 9_800_00n,
    varyPercent: 0,
    hasVat: false,
    party: SERVICE_SUPPLIERS.landlord,
    dayOfMonth: 1,
    split: [
      { department: 'ADM', cost_center: 'CC-100', bp: 3_000n },
      { department: 'PRD', cost_center: 'CC-500', bp: 5_000n },
      { department: 'WHS', cost_center: 'CC-400', bp: 2_000n },
    ],
  },
  {
    name: 'ERP and office software subscriptions',
    account: '6360',
    netCents: 2_350_00n,
    varyPercent: 0,
    hasVat: true,
    party: SERVICE_SUPPLIERS.software,
    dayOfMonth: 1,
    split: [{ department: 'IT', cost_center: 'CC-100', project: 'PRJ-001', bp: 10_000n }],
  },
  {
    name: 'Business and liability insurance',
    account: '6340',
    netCents: 1_650_00n,
    varyPercent: 0,
    hasVat: false,
    party: SERVICE_SUPPLIERS.insurer,
    dayOfMonth: 1,
    split: [{ department: 'ADM', cost_center: 'CC-100', bp: 10_000n }],
  },
  {
    name: 'Electricity, gas and water',
    account: '6320',
    netCents: 4_300_00n,
    varyPercent: 20,
    hasVat: true,
    party: SERVICE_SUPPLIERS.utilities,
    dayOfMonth: 15,
    split: [
      { department: 'PRD', cost_center: 'CC-500', bp: 6_000n },
      { department: 'PRD', cost_center: 'CC-510', bp: 2_000n },
      { department: 'ADM', cost_center: 'CC-100', bp: 2_000n },
    ],
  },
  {
    name: 'Machine maintenance contract',
    account: '6330',
    netCents: 1_900_00n,
    varyPercent: 30,
    hasVat: true,
    party: SERVICE_SUPPLIERS.maintenance,
    dayOfMonth: 20,
    split: [{ department: 'PRD', cost_center: 'CC-600', bp: 10_000n }],
  },
  {
    name: 'Tax advice and annual audit',
    account: '6380',
    netCents: 3_600_00n,
    varyPercent: 10,
    hasVat: true,
    party: SERVICE_SUPPLIERS.taxAdvisor,
    dayOfMonth: 22,
    months: [1, 4, 7, 10],
    split: [{ department: 'FIN', cost_center: 'CC-110', bp: 10_000n }],
  },
];

/** Marketing campaigns per month (Nordic market entry in spring, eco range in autumn, doubled in Q4). */
const CAMPAIGNS_PER_MONTH = 2;
const TRAVEL = { minCents: 140_00, maxCents: 1_450_00 } as const;

/** Pays the fixed bills due today. */
export function payBills(sim: Sim, day: Day): void {
  for (const bill of BILLS) {
    if (bill.months && !bill.months.includes(day.month)) continue;
    const dueDay = sim.calendar.businessDayOnOrAfter(
      `${day.period}-${String(bill.dayOfMonth).padStart(2, '0')}`,
    );
    if (dueDay?.date !== day.date) continue;
    const net = sim.rng.vary(scaled(sim, bill.netCents), bill.varyPercent);
    const lines = splitLines(bill.account, net, bill.split, bill.party);
    payByBank(sim, day, `${bill.name} ${day.period}`, lines, net, bill.hasVat, bill.party);
  }
}

/** On the first business day of a month: puts the month's campaigns and travel claims on random days. */
export function planIrregularExpenses(sim: Sim, day: Day): void {
  const businessDays = sim.calendar.days.filter((other) => other.month === day.month && other.isBusinessDay);
  const onRandomDay = (action: (on: Day) => void) => sim.schedule.at(sim.rng.pick(businessDays), action);
  for (let index = 0; index < CAMPAIGNS_PER_MONTH; index++) onRandomDay((on) => payCampaign(sim, on));
  const claims = sim.rng.count(TRAVEL_CLAIMS_PER_MONTH * sim.volume);
  for (let index = 0; index < claims; index++) onRandomDay((on) => payTravelClaim(sim, on));
}

function payCampaign(sim: Sim, day: Day): void {
  const net = scaled(sim, BigInt(sim.rng.int(1_200, 6_500) * 100) * (day.month >= 10 ? 2n : 1n));
  const project = day.month <= 5 ? 'PRJ-005' : day.month >= 8 ? 'PRJ-003' : undefined;
  const party = SERVICE_SUPPLIERS.marketingAgency;
  const dimensions = { department: 'SAL', cost_center: 'CC-200', party, ...(project ? { project } : {}) };
  payByBank(sim, day, 'Marketing campaign', [debit('6210', net, dimensions)], net, true, party);
}

function payTravelClaim(sim: Sim, day: Day): void {
  const net = BigInt(sim.rng.int(TRAVEL.minCents, TRAVEL.maxCents));
  const isExportTrip = sim.rng.chance(40);
  const dimensions = isExportTrip
    ? { department: 'SAL', cost_center: 'CC-210', project: 'PRJ-005' }
    : { department: sim.rng.pick(['SAL', 'PUR', 'ADM'] as const), cost_center: 'CC-100' };
  payByBank(sim, day, 'Travel expense claim', [debit('6350', net, dimensions)], net, true);
}

/** Bank charges for the month, on its last business day. */
export function payBankCharges(sim: Sim, day: Day): void {
  const fee = scaled(sim, 85_00n) + BigInt(sim.rng.int(0, 4_000));
  const lines = [debit('6390', fee, { department: 'FIN', cost_center: 'CC-110' })];
  payByBank(sim, day, `Bank charges ${day.period}`, lines, fee, false);
}

function splitLines(account: string, net: bigint, split: Bill['split'], party?: string): DraftLine[] {
  let left = net;
  return split.map(({ bp, ...dimensions }, index) => {
    const share = index === split.length - 1 ? left : shareOf(net, bp);
    left -= share;
    return debit(account, share, { ...dimensions, ...(party ? { party } : {}) });
  });
}

function payByBank(
  sim: Sim,
  day: Day,
  memo: string,
  expenseLines: DraftLine[],
  net: bigint,
  hasVat: boolean,
  party?: string,
): void {
  const vat = hasVat ? shareOf(net, VAT_BP) : 0n;
  const partyDimension = party ? { party } : {};
  sim.books.post({
    date: day.date,
    memo,
    lines: [...expenseLines, debit('1250', vat, partyDimension), credit('1130', net + vat)],
  });
}
