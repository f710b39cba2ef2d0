// Idempotency: the fingerprint of a request and the scope of its key, so a command repeated with the same
// Idempotency-Key answers as the first time did, and the same key with another request is refused.
import { createHash } from 'node:crypto';
import type { Database } from './db/database.ts';
import { conflict, invalid, LedgerError } from './errors.ts';
import type { Changes } from './state.ts';

/**
 * How long a key is answered from memory: a client retries within seconds or minutes, so after a day a key is
 * forgotten (as payment APIs do) and the same request would be a new command.
 */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Keys remembered at most (the newest); each costs its key, hash and a few numbers, not its answer. */
export const IDEMPOTENCY_KEYS_MAX = 250_000;

/**
 * What the writer remembers of an accepted command with a key: enough to tell a replay from a reuse, and where
 * its first answer is (meta.audit_log, by seq), which a replay reads back.
 */
export interface IdempotencyRecord {
  requestHash: string;
  status: number;
  /** The seq of the command's audit-log row, which holds its answer. */
  auditSeq: bigint;
  recordedAtMs: number;
}

/** Forgets the oldest keys (first in the map) beyond the retention or the count; returns how many went. */
export function pruneIdempotency(
  keys: Map<string, IdempotencyRecord>,
  nowMs: number,
  keysMax = IDEMPOTENCY_KEYS_MAX,
): number {
  let pruned = 0;
  for (const [scope, record] of keys) {
    if (keys.size <= keysMax && nowMs - record.recordedAtMs <= IDEMPOTENCY_RETENTION_MS) break;
    keys.delete(scope);
    pruned++;
  }
  return pruned;
}

/** What the fingerprint is taken of: the command's name and its request. */
export interface IdempotentRequest {
  name: string;
  request: unknown;
  /** The request is JSON as parsed (no bigints), so it serialises without a replacer. */
  requestIsJson?: boolean;
}

/** The request's fingerprint for idempotency; refuses input too deeply nested to serialise. */
export function hashRequest(command: IdempotentRequest): string {
  const text = requestText(command.request, command.requestIsJson === true);
  return createHash('sha256').update(`${command.name}\n${text}`).digest('hex');
}

/** JSON of the request, bigints written `123n`; the replacer costs a call per value, so plain JSON skips it. */
function requestText(request: unknown, isJson: boolean): string {
  if (isJson) {
    try {
      return JSON.stringify(request);
    } catch {
      // not plain JSON after all (a bigint, or too deep): the general path decides
    }
  }
  try {
    return JSON.stringify(request, (_key, value) => (typeof value === 'bigint' ? `${value}n` : value));
  } catch {
    throw tooDeep();
  }
}

function tooDeep(): LedgerError {
  return invalid([{ path: '', code: 'request_too_deep', message: 'the request is nested too deeply' }]);
}

/** Idempotency keys are scoped per user, so two users cannot collide or read each other's answers. */
export function idempotencyScope(user: string, key: string): string {
  return `${user}\n${key}`;
}

/** The key's record unless it is past IDEMPOTENCY_RETENTION_MS, which forgets it (undone with `changes`). */
export function rememberedKey(
  keys: Map<string, IdempotencyRecord>,
  scope: string,
  changes: Changes,
): IdempotencyRecord | null {
  const seen = keys.get(scope);
  if (!seen) return null;
  if (Date.now() - seen.recordedAtMs <= IDEMPOTENCY_RETENTION_MS) return seen;
  // Deleted rather than overwritten, so the key's new record goes to the end of the (oldest-first) map.
  keys.delete(scope);
  changes.remember(() => keys.set(scope, seen));
  return null;
}

/**
 * The first answer to a key, from its audit-log row. Until that row is committed (`committedSeq`) there is
 * nothing to read back, and the first request may yet fail: the repeat is refused as in flight, to be retried.
 */
export async function firstAnswer(
  db: Database,
  seen: IdempotencyRecord,
  committedSeq: bigint,
): Promise<unknown> {
  if (seen.auditSeq > committedSeq)
    throw conflict(
      'idempotency_key_in_flight',
      'a request with this Idempotency-Key is still being written; retry it in a moment',
      'Idempotency-Key',
    );
  const [row] = await db.query<{ response_body: string }>(
    'select response_body from meta.audit_log where seq = ?',
    [seen.auditSeq],
  );
  if (!row)
    throw new LedgerError('internal', 'answer_missing', 'the first answer to this key is not recorded');
  return JSON.parse(row.response_body);
}
