// Serving a ledger until SIGTERM or SIGINT, then shutting down in order: stop accepting connections, stop the
// scheduler and the refresher (aborting a running transform), let requests in flight finish, close the ledger
// (its checkpoint folds the WAL into the file).
import type { Ledger } from '../ingest/index.ts';
import type { Job } from '../schedules/index.ts';
import { EXIT_FAILURE } from './errors.ts';
import { type CliIo, note, say } from './io.ts';

/** How long requests in flight may take to finish once a stop signal arrives. */
export const SHUTDOWN_REQUESTS_MS = 10_000;
const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export interface ServeOptions {
  port: number;
  hostname: string;
  /** Extra lines printed once the server listens (demo logins, links). */
  announce?: (url: string) => string[];
  /** The scheduled jobs; the defaults unless configured (see `configuredJobs`). */
  jobs?: readonly Job[];
  /** False (`serve --no-refresh`): no refresh after commits, no scheduled mart rebuilds; `fresh=true` still works. */
  refreshMarts?: boolean;
}

/** Takes ownership of `ledger`: it is closed when this returns or throws. */
export async function serveUntilStopped(io: CliIo, ledger: Ledger, options: ServeOptions): Promise<void> {
  const { Schedules, FRESHNESS_TARGET_MS } = await import('../schedules/index.ts');
  const schedules = new Schedules(ledger, {
    jobs: options.jobs,
    refreshMarts: options.refreshMarts,
    log: (line) => note(io, line),
  });
  let server: { url: string; close(): Promise<void> };
  try {
    const { startServer } = await import('../api/index.ts');
    server = await startServer(ledger, { port: options.port, hostname: options.hostname, schedules });
  } catch (error) {
    await ledger.close();
    throw explainListenError(error, options);
  }
  schedules.start();
  const signals = stopSignals(io);
  say(io, `Ledgerline is serving ${ledger.db.path} at ${server.url}`);
  for (const line of options.announce?.(server.url) ?? []) say(io, line);
  say(
    io,
    scheduleLine(schedules.scheduler.describe(), options.refreshMarts === false ? null : FRESHNESS_TARGET_MS),
  );
  say(io, 'Stop it with Ctrl+C (SIGINT) or SIGTERM.');
  const signal = await signals.first;
  note(io, `${signal} received: finishing requests in flight, then closing the database…`);
  try {
    const closing = server.close();
    await schedules.stop();
    await finishRequests(io, closing);
    await ledger.close();
  } finally {
    signals.dispose();
  }
  note(io, 'Stopped cleanly.');
}

function scheduleLine(
  jobs: Array<{ id: string; cron: string; enabled: boolean }>,
  freshnessMs: number | null,
): string {
  const enabled = jobs.filter((job) => job.enabled).map((job) => `${job.id} (${job.cron})`);
  const listed = enabled.length > 0 ? enabled.join(', ') : 'none enabled';
  const follow =
    freshnessMs === null
      ? 'marts refreshed only on demand (--no-refresh)'
      : `marts follow postings within ${freshnessMs / 1000} s`;
  return `Scheduled jobs: ${listed}; ${follow}.`;
}

/** The first stop signal starts the shutdown; a second one exits at once, for when shutdown hangs. */
function stopSignals(io: CliIo): { first: Promise<string>; dispose(): void } {
  const forced = () => {
    note(io, 'Second stop signal: exiting without waiting.');
    process.exit(EXIT_FAILURE);
  };
  let onFirst: (signal: string) => void = () => {};
  const first = new Promise<string>((resolve) => {
    onFirst = (signal) => {
      for (const name of STOP_SIGNALS) process.off(name, onFirst).on(name, forced);
      resolve(signal);
    };
  });
  for (const name of STOP_SIGNALS) process.on(name, onFirst);
  const dispose = () => {
    for (const name of STOP_SIGNALS) process.off(name, onFirst).off(name, forced);
  };
  return { first, dispose };
}

/** Waits for requests in flight, but not forever: the ledger must still be closed cleanly. */
async function finishRequests(io: CliIo, closing: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`requests still running after ${SHUTDOWN_REQUESTS_MS / 1000} s`),
      SHUTDOWN_REQUESTS_MS,
    );
  });
  const closed = closing.then(
    () => undefined,
    (error: unknown) => `the server did not close cleanly (${(error as Error).message})`,
  );
  const problem = await Promise.race([closed, timeout]);
  clearTimeout(timer);
  if (problem) note(io, `${problem}; closing the database anyway.`);
}

function explainListenError(error: unknown, options: ServeOptions): unknown {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'EADDRINUSE') {
    return new Error(
      `port ${options.port} on ${options.hostname} is already in use; choose another with --port`,
    );
  }
  if (code === 'EACCES') {
    return new Error(`not allowed to listen on port ${options.port}; choose a port above 1023 with --port`);
  }
  return error;
}
