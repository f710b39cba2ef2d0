// Test support for reports: a fresh ledger in a temporary folder, journals posted through ingest, marts
// built by the embedded transform, and reports run against them.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postJournalBatchCommand } from '../ingest/index.ts';
import { openTestLedger, type TestLedger } from '../tests/support/ledger.ts';
import { loadProject, type Project, runTransform } from '../transform/index.ts';
import type { ReportResult } from './definition.ts';
import { runReport } from './run.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface JournalLineSpec {
  account: string;
  debit?: string;
  credit?: string;
  department?: string;
  cost_center?: string;
  project?: string;
}

export interface JournalSpec {
  date: string;
  memo?: string;
  lines: JournalLineSpec[];
}

let project: Project | undefined;

export interface ReportLedger {
  test: TestLedger;
  /** Posts journals in one batch; throws when any is rejected, so a test never reads a partial ledger. */
  post(journals: JournalSpec[]): Promise<string[]>;
  /** Rebuilds the marts from the facts. */
  transform(): Promise<void>;
  run(id: string, params: Record<string, unknown>): Promise<ReportResult>;
  dispose(): Promise<void>;
}

export async function openReportLedger(): Promise<ReportLedger> {
  const test = await openTestLedger();
  project ??= await loadProject(REPO_ROOT);
  const loaded = project;
  return {
    test,
    async post(journals) {
      const outcome = await test.ledger.submit(postJournalBatchCommand({ user: 'report-tests' }, journals));
      const body = outcome.body as { results: Array<{ status: string; number?: string; errors?: unknown }> };
      const rejected = body.results.filter((result) => result.status !== 'accepted');
      if (rejected.length > 0) throw new Error(`journals rejected: ${JSON.stringify(rejected)}`);
      return body.results.map((result) => result.number ?? '');
    },
    async transform() {
      const result = await runTransform(test.ledger.db, loaded, { full: true });
      // Every model builds and every data test passes (the marts' own invariants, ours included).
      const failed = result.nodes.filter((node) => !['success', 'pass'].includes(node.status));
      if (result.status !== 'success' || failed.length > 0) {
        throw new Error(`transform ${result.status}: ${JSON.stringify(failed).slice(0, 2000)}`);
      }
    },
    run: (id, params) => runReport(test.ledger.db, id, params),
    dispose: () => test.dispose(),
  };
}
