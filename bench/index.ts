// `npm run bench`: every benchmark suite, each measuring its contenders side by side in one run.
import { runWritePathBench } from './write-path.ts';

const SUITES: Record<string, () => Promise<void>> = {
  'write-path': runWritePathBench,
};

const only = process.argv.slice(2);
for (const [name, run] of Object.entries(SUITES)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n## ${name}`);
  await run();
}
