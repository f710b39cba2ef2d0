// Idempotency: the fingerprint of a request and the scope of its key, so a command repeated with the same
// Idempotency-Key answers as the first time did, and the same key with another request is refused.
import { createHash } from 'node:crypto';
import { invalid, type LedgerError } from './errors.ts';

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
