// The journals area: post one or a batch, read one back, list with filters and pages, reverse.
import { z } from 'zod';
import {
  Code,
  getJournal,
  IsoDate,
  JournalBatchInput,
  JournalInput,
  type Ledger,
  listJournals,
  postJournalBatchCommand,
  postJournalCommand,
  ReversalInput,
  reverseJournalCommand,
} from '../ingest/index.ts';
import { actorOf, submit } from './command.ts';
import { FINANCE_ROLES } from './env.ts';
import { BATCH_BODY_BYTES_MAX, PAGE_ROWS_DEFAULT, PAGE_ROWS_MAX } from './limits.ts';
import { type Area, type RouteDef, route } from './route.ts';
import { BatchResult, JournalDetail, JournalPage, Posted } from './shapes.ts';

export const JournalQuery = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  account: Code.optional(),
  reference: Code.optional(),
  user: Code.optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_ROWS_MAX).default(PAGE_ROWS_DEFAULT),
  offset: z.coerce.number().int().min(0).default(0),
});

export const JournalNumber = z.strictObject({ number: Code });

const location = (body: unknown) => ({ Location: `/api/v1/journals/${(body as { number: string }).number}` });

/** Posting, one at a time or in batches, and reversing: finance and admin only. */
function writeRoutes(ledger: Ledger): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/',
      id: 'postJournal',
      summary: 'Post a journal',
      access: FINANCE_ROLES,
      writes: true,
      body: JournalInput,
      responses: { 201: { description: 'posted', schema: Posted } },
      handle: (c, { body }) => submit(c, ledger, postJournalCommand(actorOf(c), body), location),
    }),
    route({
      method: 'post',
      path: '/batch',
      id: 'postJournalBatch',
      summary: 'Post many journals; each is accepted or rejected on its own',
      access: FINANCE_ROLES,
      writes: true,
      body: JournalBatchInput,
      bodyBytesMax: BATCH_BODY_BYTES_MAX,
      responses: { 200: { description: 'a status per journal', schema: BatchResult } },
      handle: (c, { body }) => submit(c, ledger, postJournalBatchCommand(actorOf(c), body.journals)),
    }),
    route({
      method: 'post',
      path: '/:number/reverse',
      id: 'reverseJournal',
      summary: 'Reverse a journal with a new journal of swapped sides',
      access: FINANCE_ROLES,
      writes: true,
      params: JournalNumber,
      body: ReversalInput,
      bodyOptional: true,
      responses: {
        201: { description: 'the reversing journal', schema: Posted },
        404: { description: 'no such journal' },
        409: { description: 'already reversed, or itself a reversal' },
      },
      handle: (c, { params, body }) =>
        submit(c, ledger, reverseJournalCommand(actorOf(c), params.number, body), location),
    }),
  ];
}

/** Reading back: every signed-in role. */
function readRoutes(ledger: Ledger): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/',
      id: 'listJournals',
      summary: 'List journals, newest first, filtered and paged',
      access: 'signed_in',
      query: JournalQuery,
      responses: { 200: { description: 'one page', schema: JournalPage } },
      handle: async (c, { query }) => c.json(await listJournals(ledger.db, query)),
    }),
    route({
      method: 'get',
      path: '/:number',
      id: 'getJournal',
      summary: 'Read one journal with its lines',
      access: 'signed_in',
      params: JournalNumber,
      responses: {
        200: { description: 'the journal', schema: JournalDetail },
        404: { description: 'no such journal' },
      },
      handle: async (c, { params }) => c.json(await getJournal(ledger.db, params.number)),
    }),
  ];
}

export function journalsArea(ledger: Ledger): Area {
  return {
    prefix: '/api/v1/journals',
    tag: 'journals',
    routes: [...writeRoutes(ledger), ...readRoutes(ledger)],
  };
}
