// Users (argon2id-hashed passwords) and API tokens (stored as SHA-256 hashes, shown once).
import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { conflict } from '../errors.ts';
import type { LedgerState, Principal } from '../state.ts';
import type { Command, CommandResult } from '../writer.ts';
import type { Role } from './schema.ts';

/** Prefix of every API token, so a leaked one is recognisable in logs and scanners. */
export const TOKEN_PREFIX = 'llt_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export function principalForToken(state: LedgerState, token: string): Principal | undefined {
  return state.tokens.get(hashToken(token));
}

/** Checks a name and password; always runs one argon2 verification so timing does not reveal names. */
export async function verifyLogin(
  state: LedgerState,
  name: string,
  password: string,
): Promise<Principal | undefined> {
  const user = state.users.get(name);
  const hash = user?.passwordHash ?? DUMMY_HASH;
  const ok = await argon2.verify(hash, password).catch(() => false);
  return ok && user ? { name: user.name, role: user.role } : undefined;
}

const DUMMY_HASH =
  '$argon2id$v=19$m=65536,p=4,t=3$zEL8bom8B4mhiFTAkRIOCw$xWV4nmpNaEmdDt7du/Ow/HrfWJpvOzMqxSpBsGHPTzQ';

export function createUserCommand(
  by: string,
  name: string,
  role: Role,
  passwordHash: string,
  key?: string,
): Command {
  return {
    name: 'user.create',
    user: by,
    idempotencyKey: key,
    request: { name, role },
    run(ctx): CommandResult {
      if (ctx.state.users.has(name)) throw conflict('user_exists', `user ${name} already exists`, 'name');
      ctx.rows.push('users', {
        user_name: name,
        role,
        password_hash: passwordHash,
        created_at: ctx.recordedAt,
        created_by: by,
      });
      ctx.changes.set(ctx.state.users, name, { name, role, passwordHash });
      return { status: 201, body: { name, role }, documentType: 'user', documentNumber: name };
    },
  };
}

/** Creates a token; the body holding the secret is kept for idempotent replays only as its hash. */
export function createTokenCommand(
  by: string,
  name: string,
  role: Role,
  token: string,
  key?: string,
): Command {
  return {
    name: 'token.create',
    user: by,
    idempotencyKey: key,
    request: { name, role },
    run(ctx): CommandResult {
      const tokenHash = hashToken(token);
      ctx.rows.push('tokens', {
        token_hash: tokenHash,
        token_name: name,
        role,
        created_at: ctx.recordedAt,
        created_by: by,
      });
      ctx.changes.set(ctx.state.tokens, tokenHash, { name, role });
      return {
        status: 201,
        body: { name, role, token },
        recordedBody: {
          name,
          role,
          token: null,
          note: 'a token is shown once; create a new one if it was lost',
        },
        documentType: 'token',
        documentNumber: name,
      };
    },
  };
}
