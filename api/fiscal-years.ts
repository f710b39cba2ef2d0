// The fiscal-years area: the year-end close, which posts the year's result into retained earnings.
import { z } from 'zod';
import { closeFiscalYearCommand, FiscalYear, type Ledger, YearEndCloseInput } from '../ingest/index.ts';
import { actorOf, submit } from './command.ts';
import { FINANCE_ROLES } from './env.ts';
import { YearEndCloseResult } from './report-shapes.ts';
import { type Area, route } from './route.ts';

export const FiscalYearParams = z.strictObject({ year: FiscalYear });

export function fiscalYearsArea(ledger: Ledger): Area {
  const routes = [
    route({
      method: 'post',
      path: '/:year/close',
      id: 'closeFiscalYear',
      summary:
        "Close a fiscal year: one journal on its last day moves every income-statement balance into retained earnings. Needs every period before the year's last closed, the last one open, and earlier years with a result closed",
      access: FINANCE_ROLES,
      writes: true,
      params: FiscalYearParams,
      body: YearEndCloseInput,
      bodyOptional: true,
      responses: {
        201: { description: 'the closing journal', schema: YearEndCloseResult },
        200: { description: 'no result to close (`nothing_to_close`)', schema: YearEndCloseResult },
        409: { description: 'the year is already closed (`fiscal_year_already_closed`)' },
        422: {
          description:
            'fiscal_year_has_open_periods (errors list them), period_is_closed (the last period), ' +
            'previous_year_not_closed, or invalid input',
        },
      },
      handle: (c, { params, body }) => {
        const location = (answer: unknown): Record<string, string> => {
          const number = (answer as { number?: string | null }).number;
          return number ? { Location: `/api/v1/journals/${number}` } : {};
        };
        return submit(c, ledger, closeFiscalYearCommand(actorOf(c), params.year, body), location);
      },
    }),
  ];
  return { prefix: '/api/v1/fiscal-years', tag: 'periods', routes };
}
