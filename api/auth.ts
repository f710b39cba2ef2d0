// Who is calling: a Bearer token or the signed session cookie; and whether their role may use a route.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { type Ledger, LedgerError, principalForToken } from '../ingest/index.ts';
import type { Access, AppEnv, Principal } from './env.ts';
import { SESSION_TTL_MS } from './limits.ts';

export const SESSION_COOKIE = 'ledgerline_session';
/** HMAC keys shorter than this are refused: a guessable key would let anyone forge a session. */
const SESSION_SECRET_CHARS_MIN = 32;

interface Session {
  name: string;
  role: string;
  expires_at_ms: number;
}

export type Guard = (access: Access) => MiddlewareHandler<AppEnv>;

/** Builds the per-route check: identifies the caller, then compares their role with the route's access. */
export function createGuard(ledger: Ledger): Guard {
  return (access) => async (c, next) => {
    if (access === 'public') return next();
    const principal = (await fromBearer(c, ledger)) ?? (await fromSession(c, ledger));
    if (!principal) {
      throw new LedgerError(
        'unauthenticated',
        'credentials_required',
        'send "Authorization: Bearer <token>" or sign in with POST /login',
      );
    }
    if (access !== 'signed_in' && !(access as readonly string[]).includes(principal.role)) {
      throw new LedgerError(
        'forbidden',
        'role_not_allowed',
        `role ${principal.role} may not ${c.req.method} ${c.req.path}; it needs ${access.join(' or ')}`,
      );
    }
    c.set('principal', principal);
    await next();
  };
}

/**
 * The caller of a request, or undefined when it carries no valid credentials: for pages that send a person to
 * the sign-in page instead of answering 401.
 */
export async function principalOf(c: Context, ledger: Ledger): Promise<Principal | undefined> {
  try {
    return (await fromBearer(c, ledger)) ?? (await fromSession(c, ledger));
  } catch (error) {
    if (error instanceof LedgerError && error.kind === 'unauthenticated') return undefined;
    throw error;
  }
}

/** A request that sends a token must send a good one: a wrong token never falls back to the cookie. */
async function fromBearer(c: Context, ledger: Ledger): Promise<Principal | undefined> {
  const header = c.req.header('Authorization');
  if (header === undefined) return undefined;
  const token = /^Bearer +(\S+) *$/i.exec(header)?.[1];
  const found = token ? principalForToken(ledger.state, token) : undefined;
  if (!found) throw new LedgerError('unauthenticated', 'invalid_token', 'the bearer token is not recognised');
  return { name: found.name, role: found.role, via: 'token' };
}

/** The session cookie's user, while it is unexpired and the user still exists with the same role. */
async function fromSession(c: Context, ledger: Ledger): Promise<Principal | undefined> {
  if (getCookie(c, SESSION_COOKIE) === undefined) return undefined;
  const value = await getSignedCookie(c, secretOf(ledger), SESSION_COOKIE);
  if (!value) return undefined;
  const session = decodeSession(value);
  if (!session || session.expires_at_ms <= Date.now()) return undefined;
  const user = ledger.state.users.get(session.name);
  if (!user || user.role !== session.role) return undefined;
  return { name: user.name, role: user.role, via: 'session' };
}

export async function startSession(c: Context, ledger: Ledger, who: { name: string; role: string }) {
  const session: Session = { name: who.name, role: who.role, expires_at_ms: Date.now() + SESSION_TTL_MS };
  const value = Buffer.from(JSON.stringify(session)).toString('base64url');
  await setSignedCookie(c, SESSION_COOKIE, value, secretOf(ledger), {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
    secure: new URL(c.req.url).protocol === 'https:',
  });
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

function decodeSession(value: string): Session | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Session>;
    const { name, role, expires_at_ms } = parsed;
    if (typeof name !== 'string' || typeof role !== 'string' || typeof expires_at_ms !== 'number')
      return undefined;
    return { name, role, expires_at_ms };
  } catch {
    return undefined;
  }
}

function secretOf(ledger: Ledger): string {
  const secret = ledger.state.settings.sessionSecret;
  if (secret.length < SESSION_SECRET_CHARS_MIN) {
    throw new LedgerError(
      'unavailable',
      'session_secret_missing',
      'sessions are off: the database has no session secret',
    );
  }
  return secret;
}
