// How dashboard pages answer: HTML under a strict Content-Security-Policy, a redirect to the sign-in page for
// a visitor without a session, and empty and error states as pages (never a JSON problem in a browser tab).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type FieldError, LedgerError } from '../ingest/index.ts';
import {
  emptyState,
  errorState,
  esc,
  LOGIN_PAGE_PATH,
  type PageOptions,
  page,
} from '../reports/dashboards/html.ts';
import type { Schedules } from '../schedules/index.ts';
import type { AppEnv } from './env.ts';
import { logToStderr, STATUS_BY_KIND } from './problem.ts';

/** Only the app's own scripts, styles and requests; no inline script, no eval, no framing. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': DASHBOARD_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export type PageFrame = Omit<PageOptions, 'body' | 'title'>;

export function htmlPage(
  c: Context<AppEnv>,
  options: PageOptions,
  status: ContentfulStatusCode = 200,
): Response {
  return c.html(page(options), status, SECURITY_HEADERS);
}

/** Where a visitor without a session goes: the sign-in page, returning to this very URL. */
export function toSignIn(c: Context<AppEnv>): Response {
  const url = new URL(c.req.url);
  const next = `${url.pathname}${url.search}`;
  return c.redirect(`${LOGIN_PAGE_PATH}?next=${encodeURIComponent(next)}`, 303);
}

export function signInPage(c: Context<AppEnv>, company: string, next: string): Response {
  const body = `<form class="login" method="post" action="/login?next=${esc(encodeURIComponent(next))}" data-login data-next="${esc(next)}">
<label>Name <input name="name" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
<p id="login-error" role="alert" hidden></p>
</form>`;
  return htmlPage(c, { title: 'Sign in', company, body });
}

/** The freshness footer: when the marts were last rebuilt and how far behind the ledger they are. */
export async function freshnessNote(schedules: Schedules): Promise<string> {
  const freshness = await schedules.freshness();
  if (!freshness.refreshed_at) return 'The reporting marts have not been built yet.';
  const behind = freshness.lag_seq > 0 ? `; ${freshness.lag_seq} newer facts are not reflected yet` : '';
  return `Data as of ${freshness.refreshed_at} (facts up to ${freshness.last_fact_seq})${behind}.`;
}

/** An error met while building a page, as a page: what went wrong and, for bad filters, which and why. */
export function errorPage(c: Context<AppEnv>, frame: PageFrame, title: string, error: unknown): Response {
  if (error instanceof LedgerError && error.code === 'marts_not_built') {
    const body = emptyState(
      'No reporting data yet',
      'The marts are not built: run a transform (ledgerline transform, or POST /api/v1/transforms/run).',
    );
    return htmlPage(c, { ...frame, title, body }, 503);
  }
  if (error instanceof LedgerError && error.kind !== 'internal') {
    const body = errorState('This view cannot be shown', error.message, fieldMessages(error.errors));
    return htmlPage(c, { ...frame, title, body }, STATUS_BY_KIND[error.kind]);
  }
  logToStderr(error, c);
  const body = errorState(
    'Something went wrong',
    'An unexpected error occurred; it has been logged. Try again later.',
  );
  return htmlPage(c, { ...frame, title, body }, 500);
}

export function fieldMessages(errors: FieldError[]): string[] {
  return errors.map((error) => `${error.path}: ${error.message}`);
}
