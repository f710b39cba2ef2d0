// The one error handler: LedgerError kinds and HTTP-level refusals become RFC 9457 problem+json responses.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { type ErrorKind, type FieldError, LedgerError } from '../ingest/index.ts';
import { type AppEnv, PROBLEM_MEDIA } from './env.ts';

export const PROBLEM_TYPE_BASE = 'https://ledgerline.dev/problems/';

/** The only place where a kind of LedgerError becomes an HTTP status. */
export const STATUS_BY_KIND: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 422,
  rule_violated: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unavailable: 503,
  internal: 500,
};

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The body of every error response; documented in OpenAPI from this same schema. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
});
export type Problem = z.infer<typeof Problem>;

/** A refusal below the domain (malformed JSON, wrong media type, no such route), named by a rule code. */
export function httpProblem(status: 400 | 404 | 415 | 429, code: string, detail: string): HTTPException {
  return new HTTPException(status, { message: detail, cause: { code } });
}

export function renderProblem(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  detail: string,
  errors: FieldError[] = [],
): Response {
  const body: Problem = {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    errors,
  };
  // RFC 9110 §15.5.2: a 401 names the scheme that would work.
  if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="ledgerline"');
  if (status === 503) c.header('Retry-After', '1');
  return c.body(JSON.stringify(body), status, { 'Content-Type': PROBLEM_MEDIA });
}

export type ErrorLog = (error: unknown, c: Context) => void;

export function logToStderr(error: unknown, c: Context): void {
  console.error(`[ledgerline api] ${c.req.method} ${c.req.path} failed:`, error);
}

export function errorHandler(log: ErrorLog): ErrorHandler<AppEnv> {
  return (error, c) => {
    if (error instanceof LedgerError && error.kind !== 'internal') {
      return renderProblem(c, STATUS_BY_KIND[error.kind], error.code, error.message, error.errors);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const cause = error.cause as { code?: string } | undefined;
      const code = cause?.code ?? (error.status === 413 ? 'body_too_large' : 'bad_request');
      return renderProblem(c, error.status as ContentfulStatusCode, code, error.message || 'bad request');
    }
    // Unexpected: the details stay in the log, the caller learns only that it was not their fault.
    log(error, c);
    return renderProblem(c, 500, 'internal_error', 'an unexpected error occurred; it has been logged');
  };
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  renderProblem(
    c,
    404,
    'route_not_found',
    `no route ${c.req.method} ${c.req.path}; see /api/v1/openapi.json`,
  );
