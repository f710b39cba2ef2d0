// Small measuring helpers shared by the benchmark suites.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/** Cores and the 1-minute load average, printed beside figures so a busy machine shows in the output. */
export function machineNote(): string {
  return `${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(2)}`;
}
/**
 * CPU milliseconds (user + system) a process has used so far, from Linux's /proc; null elsewhere. For a child
 * such as a server under load, so the bench can say what one request costs it.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}
/** Linux's USER_HZ, the unit of /proc/<pid>/stat times, on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] as number;
}

export function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}

export function table(rows: Array<Record<string, string | number>>): void {
  const first = rows[0];
  if (!first) return;
  const headers = Object.keys(first);
  const widths = headers.map((header) =>
    Math.max(header.length, ...rows.map((row) => String(row[header]).length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, index) => cell.padEnd(widths[index] as number)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(headers.map((header) => String(row[header]))));
}
