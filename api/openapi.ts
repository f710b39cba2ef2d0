// The OpenAPI 3.1 document, generated from the route registry and the very zod schemas that validate requests.
import type { z } from 'zod';
import { JSON_MEDIA, PROBLEM_MEDIA } from './env.ts';
import { IDEMPOTENCY_KEY_CHARS_MAX } from './limits.ts';
import { componentSchemas, type Json, parameters, schemaRef } from './openapi-schemas.ts';
import { type Area, joinPath, type RouteDef } from './route.ts';

/** `/journals/:number` → `/journals/{number}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_MEDIA]: { schema: { $ref: '#/components/schemas/Problem' } } },
});

const REPLAYED = {
  'Idempotency-Replayed': {
    description: 'true when an earlier request with this key answered',
    schema: { const: 'true' },
  },
};

function success(def: RouteDef, doc: RouteDef['responses'][number]): Json {
  const headers = def.writes ? { headers: REPLAYED } : {};
  if (!doc.schema) return { description: doc.description, ...headers };
  const media = doc.mediaType ?? JSON_MEDIA;
  const others = (doc.otherMediaTypes ?? []).map((type) => [type, { schema: { type: 'string' } }]);
  return {
    description: doc.description,
    ...headers,
    content: { [media]: { schema: schemaRef(doc.schema) }, ...Object.fromEntries(others) },
  };
}

/** The route's own responses, then the problems every route of its kind can answer. */
function responses(def: RouteDef): Json {
  const out: Json = {};
  for (const [key, doc] of Object.entries(def.responses)) {
    const status = Number(key);
    out[key] = status >= 400 ? problem(doc.description) : success(def, doc);
  }
  const add = (status: number, description: string) => {
    out[status] ??= problem(description);
  };
  if (def.body) {
    add(400, 'malformed JSON (`malformed_json`)');
    add(413, 'body too large (`body_too_large`)');
    add(415, 'wrong Content-Type (`unsupported_media_type`)');
  }
  if (def.body || def.query || def.params || def.method === 'post')
    add(422, 'invalid input; `errors` names each field');
  if (def.writes) add(409, 'Idempotency-Key reused with a different body (`idempotency_key_reused`)');
  if (def.access !== 'public') add(401, 'no or unknown credentials');
  if (Array.isArray(def.access)) add(403, `role not allowed; needs ${def.access.join(' or ')}`);
  if (def.writes) add(503, 'the writer is overloaded or stopping; retry with the same Idempotency-Key');
  return out;
}

function requestBody(def: RouteDef): Json {
  if (!def.body) return {};
  const schema = schemaRef(def.body as z.ZodType);
  const content = Object.fromEntries((def.accepts ?? [JSON_MEDIA]).map((type) => [type, { schema }]));
  return { requestBody: { required: !def.bodyOptional, content } };
}

function operation(area: Area, def: RouteDef): Json {
  const params = [...parameters(def.params, 'path'), ...parameters(def.query, 'query')];
  if (def.method === 'post') params.push({ $ref: '#/components/parameters/IdempotencyKey' });
  return {
    operationId: def.id,
    summary: def.summary,
    tags: [area.tag],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...requestBody(def),
    responses: responses(def),
    security: def.access === 'public' ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }],
    ...(Array.isArray(def.access) ? { 'x-roles': def.access } : {}),
  };
}

export interface DocumentInfo {
  title: string;
  version: string;
  description?: string;
}

export function buildOpenApi(areas: Area[], info: DocumentInfo): Json {
  const paths: Record<string, Json> = {};
  for (const area of areas) {
    for (const def of area.routes) {
      const path = openApiPath(joinPath(area.prefix, def.path));
      paths[path] = { ...paths[path], [def.method]: operation(area, def) };
    }
  }
  return {
    openapi: '3.1.0',
    info,
    tags: areas.map((area) => ({ name: area.tag })),
    paths,
    components: { schemas: componentSchemas(), securitySchemes: SECURITY_SCHEMES, parameters: PARAMETERS },
  };
}

const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description: 'a token from POST /api/v1/tokens or `ledgerline init`',
  },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'ledgerline_session',
    description: 'set by POST /login',
  },
};

const PARAMETERS = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'repeat a POST safely: the same key and body answer with the first result and write nothing',
    schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_CHARS_MAX },
  },
};
