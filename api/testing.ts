// Test support: a fresh ledger in a temporary directory, the app over it, and request helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { initLedger, Ledger, type Role } from '../ingest/index.ts';
import { Schedules } from '../schedules/index.ts';
import { type AppOptions, createApp } from './app.ts';

export const ADMIN_TOKEN = 'test-admin-token';
export const ADMIN_PASSWORD = 'test-admin-password';

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is, without JSON encoding. */
  raw?: string;
  headers?: Record<string, string>;
}

export interface TestApi {
  app: Hono;
  ledger: Ledger;
  /** Stopped unless a test starts them; close() stops them before closing the ledger. */
  schedules: Schedules;
  call(method: string, path: string, options?: CallOptions): Promise<Response>;
  tokenFor(role: Role): Promise<string>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export async function openTestApi(options: AppOptions = { processMetrics: false }): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-api-'));
  const path = join(dir, 't.duckdb');
  await initLedger({ path, adminToken: ADMIN_TOKEN, adminPassword: ADMIN_PASSWORD });
  const ledger = await Ledger.open(path);
  const schedules = options.schedules ?? new Schedules(ledger, { log: () => {} });
  const app = createApp(ledger, { ...options, schedules });
  const call = (
    method: string,
    url: string,
    { token = ADMIN_TOKEN, body, raw, headers = {} }: CallOptions = {},
  ) => {
    const all: Record<string, string> = { ...headers };
    if (token) all.Authorization = `Bearer ${token}`;
    const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    if (text !== undefined && !Object.keys(all).some((name) => name.toLowerCase() === 'content-type')) {
      all['Content-Type'] = 'application/json';
    }
    return Promise.resolve(app.request(url, { method, headers: all, body: text }));
  };
  let made = 0;
  return {
    app,
    ledger,
    schedules,
    call,
    async tokenFor(role) {
      const response = await call('POST', '/api/v1/tokens', { body: { name: `${role}-${++made}`, role } });
      return ((await response.json()) as { token: string }).token;
    },
    async count(table) {
      const [row] = await ledger.db.query(`select count(*)::integer as n from ${table}`);
      return Number(row?.n);
    },
    async close() {
      await schedules.stop();
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A balanced two-line journal; `overrides` replace its top-level fields. */
export function journal(overrides: Record<string, unknown> = {}, amount: string | number = '100.00') {
  return {
    date: '2025-01-15',
    memo: 'office rent',
    lines: [
      { account: '6310', debit: amount, department: 'ADM' },
      { account: '1130', credit: amount },
    ],
    ...overrides,
  };
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** The `name=value` pair of a Set-Cookie header, ready for a Cookie header. */
export function cookieFrom(response: Response, name: string): string {
  const header = response.headers.get('set-cookie') ?? '';
  const pair = header.split(';')[0] ?? '';
  if (!pair.startsWith(`${name}=`)) throw new Error(`no ${name} cookie in "${header}"`);
  return pair;
}
