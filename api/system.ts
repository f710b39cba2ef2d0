// The system area: liveness, Prometheus metrics and the OpenAPI document; all public, so probes need no token.
import type { Ledger } from '../ingest/index.ts';
import { OPENAPI_PATH } from './docs.ts';
import type { Metrics } from './metrics.ts';
import { type Area, route } from './route.ts';
import { Health } from './shapes.ts';

export function systemArea(ledger: Ledger, metrics: Metrics, openapi: () => object): Area {
  const routes = [
    route({
      method: 'get',
      path: '/health',
      id: 'health',
      summary: 'Liveness: the last fact sequence number and the company',
      access: 'public',
      responses: { 200: { description: 'the service is up', schema: Health } },
      handle: (c) =>
        c.json({
          status: 'ok',
          seq: ledger.state.seq.toString(),
          company: ledger.state.settings.companyName,
        }),
    }),
    route({
      method: 'get',
      path: '/metrics',
      id: 'metrics',
      // Public like /health so a Prometheus scraper needs no token; it reveals counts, never data.
      summary: 'Prometheus metrics (text exposition format)',
      access: 'public',
      responses: { 200: { description: 'metrics', mediaType: 'text/plain' } },
      handle: async (c) =>
        c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType }),
    }),
    route({
      method: 'get',
      path: OPENAPI_PATH,
      id: 'openapi',
      summary: 'This OpenAPI 3.1 document',
      access: 'public',
      responses: { 200: { description: 'the document' } },
      handle: (c) => c.json(openapi()),
    }),
  ];
  return { prefix: '/', tag: 'system', routes };
}
