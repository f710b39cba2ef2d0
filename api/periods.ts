// The periods area: every period of the fiscal years in use with its status; close and reopen one.
import { z } from 'zod';
import {
  fiscalYearsWithPostings,
  type Ledger,
  listPeriods,
  Period,
  PeriodActionInput,
  periodCommand,
} from '../ingest/index.ts';
import { actorOf, submit } from './command.ts';
import { FINANCE_ROLES } from './env.ts';
import { type Area, type RouteDef, route } from './route.ts';
import { PeriodList, PeriodStatus } from './shapes.ts';

export const PeriodParams = z.strictObject({ period: Period });

/** Fiscal years with postings, with closed periods, and the current one: the years a user can act on. */
async function fiscalYearsOf(ledger: Ledger): Promise<number[]> {
  const calendar = ledger.state.calendar;
  const years = new Set(await fiscalYearsWithPostings(ledger.db));
  for (const period of ledger.state.closedPeriods.keys()) years.add(calendar.fiscalYearOf(period));
  years.add(calendar.fiscalYearOf(new Date().toISOString().slice(0, 10)));
  return [...years].sort((a, b) => a - b);
}

function periodAction(ledger: Ledger, action: 'close' | 'reopen'): RouteDef {
  const closing = action === 'close';
  return route({
    method: 'post',
    path: `/:period/${action}`,
    id: closing ? 'closePeriod' : 'reopenPeriod',
    summary: closing ? 'Close a period: postings dated inside it are refused' : 'Reopen a closed period',
    access: FINANCE_ROLES,
    writes: true,
    params: PeriodParams,
    body: PeriodActionInput,
    bodyOptional: true,
    responses: {
      200: { description: 'the period and its new status', schema: PeriodStatus },
      409: { description: closing ? 'already closed' : 'not closed' },
    },
    handle: (c, { params, body }) =>
      submit(c, ledger, periodCommand(actorOf(c), params.period, action, body.reason)),
  });
}

export function periodsArea(ledger: Ledger): Area {
  const routes = [
    route({
      method: 'get',
      path: '/',
      id: 'listPeriods',
      summary: 'List the periods of every fiscal year in use, with status and journal counts',
      access: 'signed_in',
      responses: { 200: { description: 'periods in order', schema: PeriodList } },
      handle: async (c) => {
        const years = await fiscalYearsOf(ledger);
        const rows = await listPeriods(ledger.db, years, (year) => ledger.state.calendar.periodsOf(year));
        return c.json({ rows });
      },
    }),
    periodAction(ledger, 'close'),
    periodAction(ledger, 'reopen'),
  ];
  return { prefix: '/api/v1/periods', tag: 'periods', routes };
}
