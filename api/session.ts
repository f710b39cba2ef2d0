// The session area: people sign in with a name and password and get a signed cookie; sign out drops it.
import { z } from 'zod';
import { type Ledger, LedgerError, LoginInput, verifyLogin } from '../ingest/index.ts';
import { endSession, startSession } from './auth.ts';
import { FORM_MEDIA, JSON_MEDIA } from './env.ts';
import { mediaTypeOf } from './input.ts';
import { LOGIN_FAILURES_MAX, LoginThrottle } from './login-throttle.ts';
import { httpProblem } from './problem.ts';
import { type Area, route } from './route.ts';
import { UserCreated } from './shapes.ts';

/** Where a form sign-in returns to: a path on this site only, so the link cannot send a user elsewhere. */
export const NextQuery = z.strictObject({
  next: z
    .string()
    .max(2000)
    .refine((path) => /^\/(?![/\\])[\x21-\x7e]*$/.test(path), {
      message: 'next must be a path on this site, like /dashboards/sales',
      params: { code: 'next_not_relative' },
    })
    .optional(),
});

export function sessionArea(ledger: Ledger): Area {
  const throttle = new LoginThrottle();
  const routes = [
    route({
      method: 'post',
      path: '/login',
      id: 'login',
      summary: 'Sign in; a form post is redirected (303) to ?next=, a JSON post answers with the user',
      access: 'public',
      body: LoginInput,
      accepts: [JSON_MEDIA, FORM_MEDIA],
      query: NextQuery,
      responses: {
        200: { description: 'signed in; the session cookie is set', schema: UserCreated },
        303: { description: 'signed in from a form; go to ?next= (default /)' },
        401: { description: 'wrong name or password' },
        429: {
          description: `more than ${LOGIN_FAILURES_MAX} failed attempts for this name; see Retry-After`,
        },
      },
      handle: async (c, { body, query }) => {
        const waitMs = throttle.retryAfterMs(body.name);
        if (waitMs > 0) {
          c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
          throw httpProblem(
            429,
            'too_many_attempts',
            'too many failed sign-ins for this name; try again later',
          );
        }
        const principal = await verifyLogin(ledger.state, body.name, body.password);
        if (!principal) {
          throttle.fail(body.name);
          throw new LedgerError('unauthenticated', 'invalid_credentials', 'the name or password is wrong');
        }
        throttle.succeed(body.name);
        await startSession(c, ledger, principal);
        if (mediaTypeOf(c) === FORM_MEDIA) return c.redirect(query.next ?? '/', 303);
        return c.json({ name: principal.name, role: principal.role });
      },
    }),
    route({
      method: 'post',
      path: '/logout',
      id: 'logout',
      summary: 'Sign out: the session cookie is cleared',
      access: 'public',
      query: NextQuery,
      responses: {
        204: { description: 'signed out' },
        303: { description: 'signed out from a form; go to ?next= (default /)' },
      },
      handle: (c, { query }) => {
        endSession(c);
        if (mediaTypeOf(c) === FORM_MEDIA) return c.redirect(query.next ?? '/', 303);
        return c.body(null, 204);
      },
    }),
  ];
  return { prefix: '/', tag: 'session', routes };
}
