// The warehouse documents over HTTP: stock issues (and returns), transfers and counts, each posted whole with
// its stock moves, journal and process event; read back by number; and the stock balance as of a date.
import { z } from 'zod';
import {
  Code,
  type Command,
  getStockDocument,
  type Ledger,
  StockBalanceQuery,
  StockCountInput,
  type StockDocumentType,
  StockIssueInput,
  StockTransferInput,
  stockBalance,
  stockCountCommand,
  stockIssueCommand,
  stockTransferCommand,
} from '../ingest/index.ts';
import { actorOf, submit } from './command.ts';
import { INVENTORY_ROLES } from './env.ts';
import { DocumentAnswer, DocumentPosted } from './p2p-shapes.ts';
import { type Area, route } from './route.ts';

export const DocumentNumber = z.strictObject({ number: Code });

export const locationOf = (base: string) => (body: unknown) => {
  const number = (body as { number?: string | null }).number;
  return number ? { Location: `${base}/${encodeURIComponent(number)}` } : ({} as Record<string, string>);
};

interface DocumentSpec<B extends z.ZodType> {
  type: StockDocumentType;
  id: string;
  summary: string;
  body: B;
  command: (actor: ReturnType<typeof actorOf>, input: z.output<B>) => Command;
  refusals: string;
}

function documentArea<B extends z.ZodType>(ledger: Ledger, spec: DocumentSpec<B>): Area {
  const prefix = `/api/v1/${spec.type}s`;
  const routes = [
    route({
      method: 'post',
      path: '/',
      id: `post${spec.id}`,
      summary: spec.summary,
      access: INVENTORY_ROLES,
      writes: true,
      body: spec.body,
      responses: {
        201: { description: 'posted: its number, stock moves and journal', schema: DocumentPosted },
        422: { description: spec.refusals },
      },
      handle: (c, { body }) =>
        submit(c, ledger, spec.command(actorOf(c), body as z.output<B>), locationOf(prefix)),
    }),
    route({
      method: 'get',
      path: '/:number',
      id: `get${spec.id}`,
      summary: `One ${spec.type} with its lines and stock moves`,
      access: 'signed_in',
      params: DocumentNumber,
      responses: { 200: { description: 'the document', schema: DocumentAnswer } },
      handle: async (c, { params }) => c.json(await getStockDocument(ledger.db, spec.type, params.number)),
    }),
  ];
  return { prefix, tag: 'inventory', routes };
}

export function inventoryAreas(ledger: Ledger): Area[] {
  const balance = route({
    method: 'get',
    path: '/',
    id: 'stockBalance',
    summary: 'Quantity and value on hand per item, warehouse and batch at the end of as_of',
    access: 'signed_in',
    query: StockBalanceQuery,
    responses: { 200: { description: 'the balance', schema: DocumentAnswer } },
    handle: async (c, { query }) => c.json(await stockBalance(ledger.db, query)),
  });
  return [
    documentArea(ledger, {
      type: 'stock-issue',
      id: 'StockIssue',
      summary:
        'Issue stock to a department or person (Dr expense / Cr inventory at cost), or return unused goods of an issue (kind=return)',
      body: StockIssueInput,
      command: stockIssueCommand,
      refusals:
        '`insufficient_stock`, `batch_not_in_stock`, `exceeds_returnable_quantity`, `period_is_closed`, …',
    }),
    documentArea(ledger, {
      type: 'stock-transfer',
      id: 'StockTransfer',
      summary: 'Move stock between warehouses at its cost, batch and expiry (no value change, no journal)',
      body: StockTransferInput,
      command: stockTransferCommand,
      refusals: '`insufficient_stock`, `batch_not_in_stock`, `warehouses_must_differ`, `period_is_closed`, …',
    }),
    documentArea(ledger, {
      type: 'stock-count',
      id: 'StockCount',
      summary:
        'Post a count sheet: variances become adjustments (loss: Dr inventory differences / Cr inventory; gain: the reverse)',
      body: StockCountInput,
      command: stockCountCommand,
      refusals: '`batch_required`, `duplicate_count_line`, `period_is_closed`, …',
    }),
    { prefix: '/api/v1/stock-balance', tag: 'inventory', routes: [balance] },
  ];
}
