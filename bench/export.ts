// Export benchmark (issue 7): the general ledger of 1 M lines streamed to one workbook, in a process of its
// own so that its peak memory (max RSS) is the export's. Targets: ≤ 30 s and ≤ 512 MB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Database } from '../ingest/db/database.ts';
import { initLedger, Ledger } from '../ingest/index.ts';
import { loadProject, runTransform } from '../transform/index.ts';
import { FIRST_DATE, generateJournals, LAST_DATE } from './generate.ts';
import { machineNote, table } from './support.ts';

const EXPORT_LINES = 1_000_000;
const SECONDS_MAX = 30;
const RSS_MB_MAX = 512;
const PROJECT_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The export of a million lines should take well under this; a hung child is stopped. */
const CHILD_TIMEOUT_MS = 10 * 60_000;

export async function runExportBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-bench-export-'));
  try {
    const path = join(dir, 'ledger.duckdb');
    await initLedger({ path, adminToken: 'llt_bench-export-admin' });
    const db = await Database.open(path);
    await generateJournals(db.writeConnection, { firstLine: 0, endLine: EXPORT_LINES });
    await db.writeConnection.run('checkpoint');
    await db.close();
    const ledger = await Ledger.open(path);
    await runTransform(ledger.db, await loadProject(PROJECT_DIR), {
      full: true,
      vars: { calendar_as_of: LAST_DATE },
    });
    await ledger.close();

    const out = join(dir, 'general-ledger.xlsx');
    const child = spawnSync(
      process.execPath,
      [
        join(PROJECT_DIR, 'bin/run-ts.js'),
        join(PROJECT_DIR, 'bench/export-child.ts'),
        path,
        out,
        FIRST_DATE,
        LAST_DATE,
      ],
      { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS },
    );
    if (child.status !== 0) throw new Error(`export failed: ${child.stderr}`);
    const figures = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
      lines: number;
      ms: number;
      max_rss_kb: number;
      inherited_max_rss_kb: number;
    };
    const seconds = figures.ms / 1000;
    const rssMb = figures.max_rss_kb / 1024;
    console.log(`general ledger of ${FIRST_DATE}..${LAST_DATE} streamed to xlsx; ${machineNote()}`);
    table([
      {
        lines: figures.lines.toLocaleString('en-US'),
        's total': seconds.toFixed(2),
        'lines/s': Math.round(figures.lines / seconds).toLocaleString('en-US'),
        'peak RSS MB (VmHWM)': rssMb.toFixed(0),
        'getrusage max RSS MB (inherits the bench process)': (figures.inherited_max_rss_kb / 1024).toFixed(0),
        'file MB': (statSync(out).size / 1024 / 1024).toFixed(1),
      },
    ]);
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      `targets: ${seconds.toFixed(2)} s ≤ ${SECONDS_MAX} s: ${met(seconds <= SECONDS_MAX)}; ` +
        `${rssMb.toFixed(0)} MB ≤ ${RSS_MB_MAX} MB: ${met(rssMb <= RSS_MB_MAX)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
