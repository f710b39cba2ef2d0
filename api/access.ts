// The access area: who am I, and (admin only) new users and API tokens.
import {
  createTokenCommand,
  createUserCommand,
  hashPassword,
  type Ledger,
  newToken,
  TokenInput,
  UserInput,
} from '../ingest/index.ts';
import { idempotencyKeyOf, submit } from './command.ts';
import { ADMIN_ROLES } from './env.ts';
import { type Area, route } from './route.ts';
import { Principal, TokenCreated, UserCreated } from './shapes.ts';

export function accessArea(ledger: Ledger): Area {
  const routes = [
    route({
      method: 'get',
      path: '/me',
      id: 'getMe',
      summary: 'The signed-in principal: name, role and how they signed in',
      access: 'signed_in',
      responses: { 200: { description: 'the principal', schema: Principal } },
      handle: (c) => c.json(c.get('principal')),
    }),
    route({
      method: 'post',
      path: '/users',
      id: 'createUser',
      summary: 'Create a user who signs in with a password (stored as an argon2id hash)',
      access: ADMIN_ROLES,
      writes: true,
      body: UserInput,
      responses: {
        201: { description: 'the user', schema: UserCreated },
        409: { description: 'the name is taken' },
      },
      handle: async (c, { body }) => {
        // Hashing takes tens of milliseconds: done here, so the single writer never waits for it.
        const hash = await hashPassword(body.password);
        const by = c.get('principal').name;
        return submit(c, ledger, createUserCommand(by, body.name, body.role, hash, idempotencyKeyOf(c)));
      },
    }),
    route({
      method: 'post',
      path: '/tokens',
      id: 'createToken',
      summary: 'Create an API token; the token is shown in this response only',
      access: ADMIN_ROLES,
      writes: true,
      body: TokenInput,
      responses: { 201: { description: 'the token', schema: TokenCreated } },
      handle: (c, { body }) => {
        const by = c.get('principal').name;
        return submit(
          c,
          ledger,
          createTokenCommand(by, body.name, body.role, newToken(), idempotencyKeyOf(c)),
        );
      },
    }),
  ];
  return { prefix: '/api/v1', tag: 'access', routes };
}
