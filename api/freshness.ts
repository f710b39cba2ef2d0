// How fresh the marts are, for every response that reads them: `fresh=true` refreshes first, and the answer
// says up to which fact it reflects (body fields and headers).
import type { Context } from 'hono';
import { z } from 'zod';
import type { Freshness, Schedules } from '../schedules/index.ts';
import type { AppEnv } from './env.ts';
import { type Area, route } from './route.ts';
import { Freshness as FreshnessShape } from './transform-shapes.ts';

export const REFRESHED_AT_HEADER = 'Ledgerline-Refreshed-At';
export const LAST_FACT_SEQ_HEADER = 'Ledgerline-Last-Fact-Seq';

/** The query parameter every mart-reading route accepts: spread `FreshParam` into its query schema. */
export const FreshParam = {
  fresh: z
    .stringbool()
    .optional()
    .describe('true: bring the marts up to date with the ledger before answering (waits up to 30 s)'),
};
export const FreshQuery = z.strictObject(FreshParam);

/**
 * How fresh the marts are for this response: refreshed first when `fresh` (503 `refresh_timed_out` or
 * `refresh_failed` when they cannot be), and stated in the Ledgerline-Refreshed-At and -Last-Fact-Seq headers,
 * which CSV and XLSX answers carry too.
 */
export async function stampFreshness(
  c: Context<AppEnv>,
  schedules: Schedules,
  fresh: boolean | undefined,
): Promise<Freshness> {
  const freshness = fresh ? await schedules.refresher.ensureFresh() : await schedules.freshness();
  if (freshness.refreshed_at) c.header(REFRESHED_AT_HEADER, freshness.refreshed_at);
  if (freshness.last_fact_seq) c.header(LAST_FACT_SEQ_HEADER, freshness.last_fact_seq);
  return freshness;
}

/** A JSON answer from the marts, with `refreshed_at` and `last_fact_seq` beside its own fields. */
export async function freshJson<T extends object>(
  c: Context<AppEnv>,
  schedules: Schedules,
  fresh: boolean | undefined,
  read: () => Promise<T>,
): Promise<Response> {
  const { refreshed_at, last_fact_seq } = await stampFreshness(c, schedules, fresh);
  return c.json({ refreshed_at, last_fact_seq, ...(await read()) });
}

export function freshnessArea(schedules: Schedules): Area {
  const routes = [
    route({
      method: 'get',
      path: '/',
      id: 'getFreshness',
      summary: 'How fresh the marts are against the ledger; fresh=true refreshes them first',
      access: 'signed_in',
      query: FreshQuery,
      responses: {
        200: { description: 'the marts watermark and the ledger', schema: FreshnessShape },
        503: { description: 'fresh=true, and the marts could not catch up in time (`refresh_timed_out`)' },
      },
      handle: async (c, { query }) => c.json(await stampFreshness(c, schedules, query.fresh)),
    }),
  ];
  return { prefix: '/api/v1/freshness', tag: 'transforms', routes };
}
