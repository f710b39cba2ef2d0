// One streamed general-ledger export in a process of its own, so its peak memory is the export's alone:
// `node bin/run-ts.js bench/export-child.ts DB OUT FROM TO` prints {lines, ms, max_rss_kb} as JSON.
import { createWriteStream, readFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Ledger } from '../ingest/index.ts';
import {
  checkLedgerExport,
  EXPORT_PROCESS_MEMORY_LIMIT,
  writeLedgerExport,
} from '../reports/xlsx/ledger-export.ts';

const [path, out, from, to] = process.argv.slice(2) as [string, string, string, string];
const ledger = await Ledger.open(path);
const started = performance.now();
const lines = await ledger.db.withReader(async (connection) => {
  // As `ledgerline export` does (cli/commands/export.ts).
  await connection.run(`set memory_limit = '${EXPORT_PROCESS_MEMORY_LIMIT}'`);
  await checkLedgerExport(connection, { from, to });
  const output = createWriteStream(out);
  const written = await writeLedgerExport(connection, { from, to }, output);
  await finished(output);
  return written;
});
const ms = performance.now() - started;
await ledger.close();
console.log(
  JSON.stringify({
    lines,
    ms,
    max_rss_kb: peakRssKb(),
    inherited_max_rss_kb: process.resourceUsage().maxRSS,
  }),
);

/**
 * This process's own peak RSS: Linux's VmHWM of the program's memory. Not getrusage's maxRSS, which a child
 * inherits from its parent across fork and exec, so it shows the bench process's size whenever that was larger.
 */
function peakRssKb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS;
}
