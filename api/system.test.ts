// Tests of /health, /metrics, the generated OpenAPI document and the offline Swagger UI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from './openapi.ts';
import { journal, json, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi({ processMetrics: true });
});
afterAll(() => api.close());

type Document = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { operationId: string; security: unknown[]; responses: Record<string, unknown> }>
  >;
  components: {
    schemas: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
    parameters: Record<string, unknown>;
  };
};

/** Every `$ref` in `value`, wherever it sits. */
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(child);
      else refsIn(child, found);
    }
  }
  return found;
}

describe('health and metrics', () => {
  it('answers /health without credentials with the sequence and the company', async () => {
    const response = await api.call('GET', '/health', { token: null });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      status: 'ok',
      seq: expect.stringMatching(/^\d+$/),
      company: 'Demo Company',
    });
  });

  it('serves Prometheus text on /metrics with request counts by route and the last fact sequence', async () => {
    await api.call('POST', '/api/v1/journals', { body: journal() });
    await api.call('GET', '/no/such/route');
    const response = await api.call('GET', '/metrics', { token: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('http_requests_total{method="POST",route="/api/v1/journals",status="201"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",route="\/api\/v1\/journals"\}/);
    expect(text).toMatch(new RegExp(`ledger_last_fact_seq ${api.ledger.state.seq}\\n`));
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

describe('OpenAPI and docs', () => {
  it('documents every mounted route, generated from the zod schemas', async () => {
    const response = await api.call('GET', '/api/v1/openapi.json', { token: null });
    expect(response.status).toBe(200);
    const document = await json<Document>(response);
    expect(document.openapi).toBe('3.1.0');
    const mounted = api.app.routes.filter((route) => route.method === 'GET' || route.method === 'POST');
    expect(mounted.length).toBeGreaterThanOrEqual(18);
    for (const route of mounted) {
      expect(document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()], route.path).toBeDefined();
    }
    const journalInput = document.components.schemas.JournalInput as {
      required: string[];
      additionalProperties: boolean;
    };
    expect(journalInput.required).toEqual(['date', 'lines']);
    expect(journalInput.additionalProperties).toBe(false);
    expect(document.components.schemas.Problem).toBeDefined();
    expect(Object.keys(document.components.securitySchemes)).toEqual(['bearerAuth', 'sessionCookie']);
  });

  it('resolves every $ref and documents problem+json errors and public routes', async () => {
    const document = await json<Document>(await api.call('GET', '/api/v1/openapi.json'));
    for (const ref of refsIn(document)) {
      const [, , section = '', name = ''] = ref.split('/');
      expect(
        (document.components as Record<string, Record<string, unknown>>)[section]?.[name],
        ref,
      ).toBeDefined();
    }
    const post = document.paths['/api/v1/journals']?.post;
    expect(Object.keys(post?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409', '413', '415', '422']),
    );
    expect(JSON.stringify(post?.responses['422'])).toContain('application/problem+json');
    expect(document.paths['/health']?.get?.security).toEqual([]);
  });

  it('serves Swagger UI at /docs from local assets that all answer 200', async () => {
    const response = await api.call('GET', '/docs', { token: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(assets).toEqual(
      expect.arrayContaining(['/docs/assets/swagger-ui.css', '/docs/assets/swagger-ui-bundle.js']),
    );
    for (const asset of assets) {
      const file = await api.call('GET', asset, { token: null });
      expect(file.status, asset).toBe(200);
      expect((await file.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
    const start = await (await api.call('GET', '/docs/assets/start.js')).text();
    expect(start).toContain('/api/v1/openapi.json');
  });

  it('serves no file outside the fixed asset list', async () => {
    for (const name of ['package.json', '..%2F..%2Fpackage.json', 'index.js']) {
      expect((await api.call('GET', `/docs/assets/${name}`, { token: null })).status).toBe(404);
    }
  });
});
