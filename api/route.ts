// The route registry: each route is declared once (method, path, access, schemas, responses), then both
// mounted on its area's sub-app and listed in the OpenAPI document, so the two cannot drift apart.
import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { LedgerError } from '../ingest/index.ts';
import type { Guard } from './auth.ts';
import { limitBody } from './body-limit.ts';
import { idempotencyKeyOf } from './command.ts';
import type { Access, AppEnv } from './env.ts';
import { type InputSpec, readInput } from './input.ts';
import { BODY_BYTES_MAX } from './limits.ts';

type Schema = z.ZodType | undefined;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ResponseDoc {
  description: string;
  /** The body's shape; error statuses without one are documented as problem+json. */
  schema?: z.ZodType;
  mediaType?: string;
  /** Other media types the same status may come in (e.g. CSV beside JSON), documented as text. */
  otherMediaTypes?: readonly string[];
}

export interface RouteDef<B extends Schema = Schema, Q extends Schema = Schema, P extends Schema = Schema>
  extends InputSpec {
  method: 'get' | 'post';
  /** Relative to the area's prefix, in Hono's syntax (`/:number/reverse`). */
  path: string;
  /** The OpenAPI operationId. */
  id: string;
  summary: string;
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  /** The route hands a command to the writer: it honours Idempotency-Key and may answer 409 on reuse. */
  writes?: boolean;
  bodyBytesMax?: number;
  responses: Record<number, ResponseDoc>;
  handle(
    c: Context<AppEnv>,
    input: { body: Parsed<B>; query: Parsed<Q>; params: Parsed<P> },
  ): Response | Promise<Response>;
}

/** Declares a route; the generics carry each schema's output type into `handle`. */
export function route<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
>(def: RouteDef<B, Q, P>): RouteDef {
  return def as RouteDef;
}

/** One area of the API: a prefix, an OpenAPI tag and its routes, mounted as one sub-app. */
export interface Area {
  prefix: string;
  tag: string;
  routes: RouteDef[];
}

export function joinPath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/$/, '')}${path === '/' ? '' : path}`;
  return joined === '' ? '/' : joined;
}

export function mountArea(area: Area, guard: Guard): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const def of area.routes) {
    const pattern = joinPath(area.prefix, def.path);
    app.on(
      def.method.toUpperCase(),
      def.path,
      async (c, next) => {
        c.set('route', pattern);
        await next();
      },
      guard(def.access),
      limitBody({ maxBytes: def.bodyBytesMax ?? BODY_BYTES_MAX, onTooLarge: () => tooLarge(def) }),
      async (c) => {
        // Every POST checks its Idempotency-Key, even where nothing is written, so a bad key is never ignored.
        if (def.method === 'post') idempotencyKeyOf(c);
        return def.handle(c, (await readInput(c, def)) as never);
      },
    );
  }
  return app;
}

function tooLarge(def: RouteDef): never {
  const limit = def.bodyBytesMax ?? BODY_BYTES_MAX;
  throw new LedgerError('too_large', 'body_too_large', `the request body exceeds ${limit} bytes`);
}
