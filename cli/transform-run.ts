// Running the transform from the command line: a progress bar (plain lines without a terminal), then a
// summary table of models and seeds, the failed tests, and a failure (exit 1) when anything failed.
import { Presets, SingleBar } from 'cli-progress';
import { type Ledger, LedgerError } from '../ingest/index.ts';
import { TransformService } from '../schedules/index.ts';
import type { NodeResult, ProgressEvent, RunOptions, RunResult } from '../transform/index.ts';
import { groupDigits, seconds } from './format.ts';
import { type CliIo, note, say } from './io.ts';

/** Runs the project on the ledger with progress on standard error and the summary on standard output. */
export async function runTransformWithProgress(
  io: CliIo,
  ledger: Ledger,
  options: RunOptions,
): Promise<RunResult> {
  const progress = io.progressStream ? barProgress(io.progressStream) : plainProgress(io);
  const transforms = new TransformService(ledger.db);
  let result: RunResult;
  try {
    result = await transforms.run({ ...options, onProgress: progress.update });
  } finally {
    progress.stop();
  }
  printSummary(io, result);
  return result;
}

/** Throws (exit 1) when a model failed or was skipped, a test failed, or the run was cancelled. */
export function assertSucceeded(result: RunResult): void {
  if (result.status === 'success') return;
  throw new LedgerError(
    'rule_violated',
    'transform_failed',
    `the transform ${result.status}: ${result.modelsFailed} models failed, ${result.modelsSkipped} skipped, ` +
      `${result.testsFailed} tests failed (run ${result.runId})`,
  );
}

interface TransformProgress {
  update(event: ProgressEvent): void;
  stop(): void;
}

function barProgress(stream: NodeJS.WriteStream): TransformProgress {
  const bar = new SingleBar(
    {
      stream,
      format: 'Transform [{bar}] {percentage}% | {value}/{total} nodes | {node}',
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  return {
    update(event) {
      if (event.type === 'start') bar.start(event.total, 0, { node: '' });
      else if (event.type !== 'end') bar.update(event.index, { node: event.node ?? '' });
    },
    stop: () => bar.stop(),
  };
}

/** One line per model or seed, and per test that did not pass: a log or CI shows what happened, in order. */
function plainProgress(io: CliIo): TransformProgress {
  return {
    update(event) {
      if (event.type === 'start') note(io, `Transform: ${event.total} nodes`);
      if (event.type === 'model' || (event.type === 'test' && event.status !== 'pass')) {
        const position = `${event.index}/${event.total}`.padStart(9);
        note(io, `${position} ${event.type} ${event.node} ${event.status} (${event.ms} ms)`);
      }
    },
    stop() {},
  };
}

function printSummary(io: CliIo, result: RunResult): void {
  const built = result.nodes.filter((node) => node.kind !== 'test');
  const tests = result.nodes.filter((node) => node.kind === 'test');
  for (const line of table(built)) say(io, line);
  const failedTests = tests.filter((node) => node.status === 'fail' || node.status === 'error');
  const passed = tests.filter((node) => node.status === 'pass').length;
  if (tests.length > 0)
    say(
      io,
      `tests: ${passed} passed, ${failedTests.length} failed, ${tests.length - passed - failedTests.length} other`,
    );
  for (const test of failedTests)
    say(io, `  FAIL ${test.node}: ${firstLine(test.error) ?? `${test.rows} failing rows`}`);
  const ms = Date.parse(result.finishedAt) - Date.parse(result.startedAt);
  // Only a process that ran the project before (serve, the demo) has nodes that stood unchanged.
  const unchanged = result.nodes.filter((node) => node.unchanged).length;
  say(
    io,
    `Transform ${result.status} (${result.mode}, ${result.command}) in ${seconds(ms)}: ` +
      `${result.modelsOk} built, ${result.modelsFailed} failed, ${result.modelsSkipped} skipped` +
      `${unchanged > 0 ? ` (${unchanged} nodes stood unchanged)` : ''}; ` +
      `facts up to seq ${result.lastFactSeq ?? 'none'}; run ${result.runId}`,
  );
}

/** model | kind | status | rows | ms, aligned; errors of failed nodes on the line below. */
function table(nodes: NodeResult[]): string[] {
  if (nodes.length === 0) return [];
  const rows = nodes.map((node) => [
    node.node,
    node.materialized ?? node.kind,
    node.status,
    node.rows === null ? '' : groupDigits(node.rows),
    String(node.durationMs),
  ]);
  const header = ['model', 'kind', 'status', 'rows', 'ms'];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => (i >= 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const lines = [render(header), render(widths.map((width) => '-'.repeat(width)))];
  for (const [i, row] of rows.entries()) {
    lines.push(render(row));
    const error = nodes[i]?.error;
    if (error && nodes[i]?.status === 'error') lines.push(`    ${firstLine(error)}`);
  }
  return lines;
}

/** DuckDB errors add the SQL line and a caret below the message; the summary keeps the message. */
function firstLine(text: string | null): string | null {
  return text === null ? null : (text.split('\n')[0] ?? text);
}
