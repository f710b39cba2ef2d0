// A fresh, initialized ledger in a temporary folder, for tests that cross the write path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initLedger, Ledger } from '../../ingest/index.ts';

export const TEST_ADMIN_TOKEN = 'llt_test-admin-token';
export const TEST_ADMIN_PASSWORD = 'test-admin-password';

export interface TestLedger {
  ledger: Ledger;
  path: string;
  dir: string;
  /** Closes the ledger and removes its folder. */
  dispose(): Promise<void>;
}

export async function openTestLedger(
  options: { fiscalYearStartMonth?: number; allowNegativeStock?: boolean } = {},
): Promise<TestLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-test-'));
  const path = join(dir, 'ledger.duckdb');
  await initLedger({
    path,
    adminToken: TEST_ADMIN_TOKEN,
    adminPassword: TEST_ADMIN_PASSWORD,
    fiscalYearStartMonth: options.fiscalYearStartMonth,
    allowNegativeStock: options.allowNegativeStock,
  });
  const ledger = await Ledger.open(path);
  return {
    ledger,
    path,
    dir,
    async dispose() {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Counts rows of a table, to show that a refused command wrote nothing. */
export async function countRows(ledger: Ledger, table: string): Promise<number> {
  const [row] = await ledger.db.query(`select count(*)::integer as n from ${table}`);
  return Number(row?.n ?? 0);
}
