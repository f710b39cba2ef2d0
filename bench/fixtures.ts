// The 10 M-line ledger the transform and statement suites share: built once per bench run in a temp dir,
// its marts built on demand, removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Database } from '../ingest/db/database.ts';
import { initLedger, Ledger } from '../ingest/index.ts';
import { loadProject, type Project, type RunResult, runTransform } from '../transform/index.ts';
import { generateJournals, LAST_DATE } from './generate.ts';

/** Journal lines of the shared ledger (issues 3 and 4: "10 M generated journal lines"). */
export const LEDGER_LINES_DEFAULT = 10_000_000;
/** Overrides the size for a quick trial run; a multiple of 2 500, so that 1 % of it is whole 25-line cycles. */
export const LEDGER_LINES_ENV = 'LEDGERLINE_BENCH_LINES';
const LINES_QUANTUM = 2_500;

function ledgerLines(): number {
  const lines = Number(process.env[LEDGER_LINES_ENV] ?? LEDGER_LINES_DEFAULT);
  if (!Number.isInteger(lines) || lines <= 0 || lines % LINES_QUANTUM !== 0)
    throw new Error(`${LEDGER_LINES_ENV} must be a positive multiple of ${LINES_QUANTUM}`);
  return lines;
}
export const ADMIN_TOKEN = 'llt_bench-statements-admin';
const PROJECT_DIR = fileURLToPath(new URL('..', import.meta.url));
/** Pins dim_dates' "today", so the calendar (and so the marts) do not depend on the day the bench runs. */
const TRANSFORM_VARS = { calendar_as_of: LAST_DATE };

export interface LedgerFixture {
  dir: string;
  ledger: Ledger;
  /** Lines generated into facts.journal_lines so far (the suites may append). */
  lines: number;
  generateSeconds: number;
  /** The last full build, once one ran. */
  fullBuild: RunResult | null;
}

let shared: Promise<LedgerFixture> | null = null;

/** The shared ledger, generated on first use: an initialized database with LEDGER_LINES lines in facts.*. */
export function sharedLedger(): Promise<LedgerFixture> {
  shared ??= createLedger();
  return shared;
}

async function createLedger(): Promise<LedgerFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-bench-'));
  const path = join(dir, 'ledger.duckdb');
  await initLedger({ path, adminToken: ADMIN_TOKEN });
  // Generated before the ledger opens, so its in-memory state (numbering, seq) is loaded from the facts.
  const db = await Database.open(path);
  const lines = ledgerLines();
  const started = performance.now();
  try {
    await generateJournals(db.writeConnection, { firstLine: 0, endLine: lines });
    await db.writeConnection.run('checkpoint');
  } finally {
    await db.close();
  }
  const generateSeconds = (performance.now() - started) / 1000;
  const ledger = await Ledger.open(path);
  return { dir, ledger, lines, generateSeconds, fullBuild: null };
}

let project: Promise<Project> | null = null;

/**
 * Runs the project's transforms on the ledger (build: models and their tests); throws if a node failed. The
 * project is read once per process, as the service does (schedules/transforms.ts).
 */
export async function transform(fixture: LedgerFixture, full: boolean): Promise<RunResult> {
  project ??= loadProject(PROJECT_DIR);
  const run = await runTransform(fixture.ledger.db, await project, { full, vars: TRANSFORM_VARS });
  const failed = run.nodes.filter((node) => !['success', 'pass', 'warn'].includes(node.status));
  if (failed.length > 0) {
    const names = failed.map((node) => `${node.node} (${node.status}: ${node.error ?? ''})`).join('; ');
    throw new Error(`transform ${full ? 'full' : 'incremental'} run failed: ${names}`);
  }
  if (full) fixture.fullBuild = run;
  return run;
}

/** The shared ledger with its marts built (a full build unless one already ran). */
export async function ledgerWithMarts(): Promise<LedgerFixture> {
  const fixture = await sharedLedger();
  if (!fixture.fullBuild) await transform(fixture, true);
  return fixture;
}

/** Closes the shared ledger and removes its directory; called once when every suite has run. */
export async function disposeFixtures(): Promise<void> {
  if (!shared) return;
  const fixture = await shared.catch(() => null);
  shared = null;
  if (!fixture) return;
  await fixture.ledger.close();
  rmSync(fixture.dir, { recursive: true, force: true });
}
