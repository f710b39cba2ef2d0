// Handing a parsed request to the writer: who acts, under which Idempotency-Key, and the answer it gives.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Command } from '../ingest/index.ts';
import { type Actor, type Ledger, LedgerError } from '../ingest/index.ts';
import type { AppEnv } from './env.ts';
import { IDEMPOTENCY_KEY_CHARS_MAX } from './limits.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotency-Replayed';

/** The signed-in principal as the writer's actor, with the request's Idempotency-Key when it sent one. */
export function actorOf(c: Context<AppEnv>): Actor {
  const key = idempotencyKeyOf(c);
  return { user: c.get('principal').name, ...(key === undefined ? {} : { idempotencyKey: key }) };
}

export function idempotencyKeyOf(c: Context): string | undefined {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_CHARS_MAX) {
    const message = `an Idempotency-Key has 1 to ${IDEMPOTENCY_KEY_CHARS_MAX} characters`;
    const code = key.length === 0 ? 'idempotency_key_empty' : 'idempotency_key_too_long';
    throw new LedgerError('invalid', code, message, [{ path: IDEMPOTENCY_HEADER, code, message }]);
  }
  return key;
}

/** Submits `command` and answers with its status and body; a replay answers as the first time did. */
export async function submit(
  c: Context<AppEnv>,
  ledger: Ledger,
  command: Command,
  headers: (body: unknown) => Record<string, string> = () => ({}),
): Promise<Response> {
  const outcome = await ledger.submit(command);
  if (outcome.replayed) c.header(REPLAYED_HEADER, 'true');
  for (const [name, value] of Object.entries(headers(outcome.body))) c.header(name, value);
  return c.json(outcome.body as object, outcome.status as ContentfulStatusCode);
}
