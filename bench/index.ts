// `npm run bench`: every benchmark suite, each measuring its contenders side by side in one run.
// `npm run bench -- transform statements` runs only the named suites.
import { runDashboardsBench } from './dashboards.ts';
import { runExportBench } from './export.ts';
import { disposeFixtures } from './fixtures.ts';
import { runInventoryBench } from './inventory.ts';
import { runStatementsBench } from './statements.ts';
import { runTransformBench } from './transform.ts';
import { runWritePathBench } from './write-path.ts';

const SUITES: Record<string, () => Promise<void>> = {
  'write-path': runWritePathBench,
  inventory: runInventoryBench,
  transform: runTransformBench,
  statements: runStatementsBench,
  export: runExportBench,
  dashboards: runDashboardsBench,
};

const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in SUITES));
if (unknown.length > 0)
  throw new Error(`unknown suite(s) ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`);
try {
  for (const [name, run] of Object.entries(SUITES)) {
    if (only.length > 0 && !only.includes(name)) continue;
    console.log(`\n## ${name}`);
    await run();
  }
} finally {
  // The 10 M-line ledger the transform and statements suites share lives until every suite has run.
  await disposeFixtures();
}
