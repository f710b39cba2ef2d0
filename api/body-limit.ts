// The request body limit: judged from Content-Length before anything is read, and counted while it streams in
// only when the length is not declared (chunked bodies). Reading the header alone keeps @hono/node-server from
// building a full web Request, which Hono's bodyLimit forces on every request by touching `req.raw.body`.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export interface BodyLimitOptions {
  /** Bytes a body may have at most. */
  maxBytes: number;
  /** Refuses the request (throws); called once the body is known to be larger than `maxBytes`. */
  onTooLarge: () => never;
}

export function limitBody({ maxBytes, onTooLarge }: BodyLimitOptions): MiddlewareHandler {
  const counted = bodyLimit({ maxSize: maxBytes, onError: onTooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    // Node's HTTP parser reads exactly Content-Length bytes and refuses it beside Transfer-Encoding, so the
    // declared length is the length; without it (or with both, outside Node) the bytes are counted instead.
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    if (Number.parseInt(declared, 10) > maxBytes) onTooLarge();
    return next();
  };
}
