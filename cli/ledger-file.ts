// Opening and creating the database file from the command line, with errors that say what to do.
import { existsSync } from 'node:fs';
import {
  type InitOptions,
  initLedger,
  Ledger,
  LedgerError,
  resolveDbPath,
  UserInput,
} from '../ingest/index.ts';
import { UsageError } from './errors.ts';
import { type CliIo, envValue } from './io.ts';

/** `--db`, else LEDGERLINE_DB from the command's environment, else ./data/ledgerline.duckdb. */
export function dbPathFor(io: CliIo, flag: string | undefined): string {
  return resolveDbPath(flag ?? envValue(io, 'LEDGERLINE_DB'));
}

/** Opens an existing ledger; never creates a file by accident when the path has a typo. */
export async function openLedger(path: string): Promise<Ledger> {
  if (!existsSync(path)) {
    throw new LedgerError(
      'not_found',
      'database_not_found',
      `there is no database at ${path}; create one with \`ledgerline init --db ${path}\``,
    );
  }
  try {
    return await Ledger.open(path);
  } catch (error) {
    throw explainOpenError(error, path);
  }
}

/** Opens the ledger, runs `work`, and closes it (with a checkpoint) whatever happens. */
export async function withLedger<T>(path: string, work: (ledger: Ledger) => Promise<T>): Promise<T> {
  const ledger = await openLedger(path);
  try {
    return await work(ledger);
  } finally {
    await ledger.close();
  }
}

/** DuckDB lets one process own a file; say so plainly when another one does. */
export function explainOpenError(error: unknown, path: string): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Could not set lock on file/i.test(message)) return error;
  const pid = /PID (\d+)/.exec(message)?.[1];
  return new LedgerError(
    'unavailable',
    'database_locked',
    `${path} is locked by another process${pid ? ` (PID ${pid})` : ''}: a Ledgerline server probably already owns it. ` +
      'Stop that server, or use its HTTP API instead.',
  );
}

export interface Credentials {
  adminToken: string;
  adminPassword: string;
  tokenFromEnv: boolean;
  passwordFromEnv: boolean;
}

/** Creates the database, taking the admin token and password from the environment when set. */
export async function createLedgerFile(io: CliIo, options: InitOptions): Promise<Credentials> {
  const envToken = envValue(io, 'LEDGERLINE_ADMIN_TOKEN');
  const envPassword = envValue(io, 'LEDGERLINE_ADMIN_PASSWORD');
  if (envPassword !== undefined) {
    const checked = UserInput.shape.password.safeParse(envPassword);
    if (!checked.success) {
      throw new UsageError(
        `LEDGERLINE_ADMIN_PASSWORD is not acceptable: ${checked.error.issues[0]?.message}`,
      );
    }
  }
  const created = await initLedger({ ...options, adminToken: envToken, adminPassword: envPassword });
  return { ...created, tokenFromEnv: envToken !== undefined, passwordFromEnv: envPassword !== undefined };
}
