// The public face of the API: build the Hono app over a ledger, or serve it on a port.
export { type AppOptions, createApp } from './app.ts';
export type { AppEnv, Principal } from './env.ts';
export {
  BATCH_BODY_BYTES_MAX,
  BODY_BYTES_MAX,
  IDEMPOTENCY_KEY_CHARS_MAX,
  JSON_DEPTH_MAX,
  PAGE_ROWS_DEFAULT,
  PAGE_ROWS_MAX,
  SESSION_TTL_MS,
} from './limits.ts';
export { type RunningServer, type ServeOptions, startServer } from './server.ts';
