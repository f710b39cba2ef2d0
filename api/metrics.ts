// Prometheus metrics in the app's own registry: requests and durations by route, and the ledger's last sequence.
import type { MiddlewareHandler } from 'hono';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Ledger } from '../ingest/index.ts';
import type { AppEnv } from './env.ts';

/** Label for requests no route matched, so unknown paths cannot grow the label set without bound. */
export const UNMATCHED_ROUTE = 'unmatched';
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Seconds: API calls answer in milliseconds; the top buckets catch batch posts and slow reports. */
const DURATION_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface Metrics {
  registry: Registry;
  /** Counts and times every request; mounted first, so it also sees errors and unknown routes. */
  middleware: MiddlewareHandler<AppEnv>;
}

export interface MetricsOptions {
  /** Node's process metrics (memory, CPU, event loop lag) beside the app's own. */
  processMetrics?: boolean;
}

export function createMetrics(ledger: Ledger, { processMetrics = true }: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern',
    labelNames: ['route'],
    buckets: DURATION_BUCKETS_S,
    registers: [registry],
  });
  new Gauge({
    name: 'ledger_last_fact_seq',
    help: 'Sequence number of the last fact row written; the transforms read up to it',
    registers: [registry],
    collect() {
      this.set(Number(ledger.state.seq));
    },
  });
  new Counter({
    name: 'ledger_write_transactions_total',
    help: 'Transactions the writer committed; several queued commands share one (group commit)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(ledger.writer.groupsCommitted);
    },
  });
  new Counter({
    name: 'ledger_commands_accepted_total',
    help: 'Commands the writer accepted and recorded in the audit log (replays excluded)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(ledger.writer.commandsAccepted);
    },
  });
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const started = performance.now();
    await next();
    const route = c.get('route') ?? UNMATCHED_ROUTE;
    const method = KNOWN_METHODS.has(c.req.method) ? c.req.method : 'OTHER';
    requests.inc({ method, route, status: String(c.res.status) });
    duration.observe({ route }, (performance.now() - started) / 1000);
  };
  return { registry, middleware };
}
