// The API's limits, each named with its unit, so every refusal can say which limit was hit.
export { PAGE_ROWS_DEFAULT, PAGE_ROWS_MAX } from '../ingest/index.ts';

/** Request body of an ordinary POST at most, in bytes (1 MiB). */
export const BODY_BYTES_MAX = 1024 * 1024;
/** Request body of `POST /api/v1/journals/batch` at most, in bytes (16 MiB): room for a full batch. */
export const BATCH_BODY_BYTES_MAX = 16 * 1024 * 1024;
/** Nesting of arrays and objects in a JSON body at most; deeper input would overflow recursive code later. */
export const JSON_DEPTH_MAX = 32;
/** Characters in an `Idempotency-Key` header at most. */
export const IDEMPOTENCY_KEY_CHARS_MAX = 200;
/** How long a login session lasts, in milliseconds (12 h: one working day, then sign in again). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
