// Parsing at the edge: the body (JSON or form), query and path parameters through zod, bounded and typed.
import type { Context } from 'hono';
import type { z } from 'zod';
import { LedgerError, zodFieldErrors } from '../ingest/index.ts';

import { type AppEnv, FORM_MEDIA, JSON_MEDIA } from './env.ts';
import { JSON_DEPTH_MAX } from './limits.ts';
import { httpProblem } from './problem.ts';

/** What a route reads from a request; each part is parsed only when the route declares its schema. */
export interface InputSpec {
  body?: z.ZodType;
  /** The body may be left out entirely (then it parses as `{}`). */
  bodyOptional?: boolean;
  /** Media types the body may come in; JSON only unless a route says otherwise. */
  accepts?: readonly string[];
  query?: z.ZodType;
  params?: z.ZodType;
}

export interface Input {
  body: unknown;
  query: unknown;
  params: unknown;
}

export async function readInput(c: Context<AppEnv>, spec: InputSpec): Promise<Input> {
  return {
    params: spec.params ? parse(spec.params, c.req.param()) : undefined,
    query: spec.query ? parse(spec.query, c.req.query()) : undefined,
    body: spec.body ? parse(spec.body, await readBody(c, spec)) : undefined,
  };
}

function parse(schema: z.ZodType, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = zodFieldErrors(result.error);
  const code = errors.length === 1 && errors[0] ? errors[0].code : 'invalid_request';
  throw new LedgerError('invalid', code, 'the request is not valid', errors);
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeOf(c: Context): string {
  return (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

async function readBody(c: Context<AppEnv>, spec: InputSpec): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return spec.bodyOptional ? {} : undefined;
  const accepts = spec.accepts ?? [JSON_MEDIA];
  const media = mediaTypeOf(c);
  if (!accepts.includes(media)) {
    throw httpProblem(
      415,
      'unsupported_media_type',
      `send the body as ${accepts.join(' or ')}, not "${media}"`,
    );
  }
  if (media === FORM_MEDIA) return Object.fromEntries(new URLSearchParams(text));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw httpProblem(400, 'malformed_json', 'the request body is not valid JSON');
  }
  checkDepth(value);
  return value;
}

/** Refuses JSON nested deeper than JSON_DEPTH_MAX. The recursion stops at that depth, so it cannot overflow;
 * it walks without allocating (no arrays of values), which matters on megabyte-sized batch bodies. */
function checkDepth(root: unknown): void {
  if (!withinDepth(root, 1)) {
    const message = `JSON nests at most ${JSON_DEPTH_MAX} levels deep`;
    throw new LedgerError('invalid', 'nesting_too_deep', message, [
      { path: '', code: 'nesting_too_deep', message },
    ]);
  }
}

function withinDepth(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (depth > JSON_DEPTH_MAX) return false;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (!withinDepth(value[index], depth + 1)) return false;
    }
    return true;
  }
  for (const key in value) {
    if (!withinDepth((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}
