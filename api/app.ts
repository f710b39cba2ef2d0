// The Hono app: one sub-app per area, each mounted with app.route, behind metrics, with one error handler.
import { Hono } from 'hono';
import type { Ledger } from '../ingest/index.ts';
import { Schedules } from '../schedules/index.ts';
import { accessArea } from './access.ts';
import { accountsArea } from './accounts.ts';
import { assetsArea, depreciationRunsArea } from './assets.ts';
import { createGuard } from './auth.ts';
import { dashboardsArea } from './dashboards.ts';
import { docsArea } from './docs.ts';
import type { AppEnv } from './env.ts';
import { fiscalYearsArea } from './fiscal-years.ts';
import { freshnessArea } from './freshness.ts';
import { inventoryAreas } from './inventory.ts';
import { jobsArea } from './jobs.ts';
import { journalsArea } from './journals.ts';
import { masterDataAreas } from './master-data.ts';
import { createMetrics } from './metrics.ts';
import { buildOpenApi } from './openapi.ts';
import { periodsArea } from './periods.ts';
import { type ErrorLog, errorHandler, logToStderr, notFoundHandler } from './problem.ts';
import { purchasingAreas } from './purchasing.ts';
import { reportsArea, statementsArea } from './reports.ts';
import { type Area, mountArea } from './route.ts';
import { salesAreas } from './sales.ts';
import { sessionArea } from './session.ts';
import { systemArea } from './system.ts';
import { transformsArea } from './transforms.ts';

export interface AppOptions {
  /** Node's process metrics (memory, CPU, event loop lag) in /metrics beside the app's own. */
  processMetrics?: boolean;
  /** Where unexpected errors are reported; standard error by default. */
  logError?: ErrorLog;
  /**
   * Transforms, the refresher and the scheduler; `serve` passes them started, and stops them before closing the
   * ledger. Without them the app makes its own, stopped: runs and `fresh=true` still work, on demand.
   */
  schedules?: Schedules;
}

export const API_VERSION = '1.0.0';

/** Builds the app over an open ledger; no port, no side effects, so tests call `app.request()` directly. */
export function createApp(
  ledger: Ledger,
  { processMetrics = true, logError = logToStderr, schedules = new Schedules(ledger) }: AppOptions = {},
): Hono {
  const app = new Hono<AppEnv>();
  const metrics = createMetrics(ledger, { processMetrics });
  app.use('*', metrics.middleware);
  let document: object | undefined;
  const areas: Area[] = [
    systemArea(ledger, metrics, () => document ?? {}),
    docsArea(),
    sessionArea(ledger),
    accessArea(ledger),
    accountsArea(ledger),
    journalsArea(ledger),
    periodsArea(ledger),
    fiscalYearsArea(ledger),
    assetsArea(ledger),
    depreciationRunsArea(ledger),
    ...masterDataAreas(ledger),
    ...inventoryAreas(ledger),
    ...purchasingAreas(ledger),
    ...salesAreas(ledger),
    reportsArea(schedules),
    statementsArea(schedules),
    transformsArea(schedules),
    freshnessArea(schedules),
    jobsArea(schedules),
    dashboardsArea(ledger, schedules),
  ];
  document = buildOpenApi(areas, {
    title: `Ledgerline API — ${ledger.state.settings.companyName}`,
    version: API_VERSION,
    description: 'Errors are RFC 9457 application/problem+json with a field-level `errors` list.',
  });
  const guard = createGuard(ledger);
  for (const area of areas) app.route(area.prefix, mountArea(area, guard));
  app.notFound(notFoundHandler);
  app.onError(errorHandler(logError));
  // Callers need only fetch() and request(); the typed context variables are the app's own business.
  return app as unknown as Hono;
}
