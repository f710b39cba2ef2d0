// The `ledgerline` command line: one small file per command under commands/, one error report here.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerDemo } from './commands/demo.ts';
import { registerExport } from './commands/export.ts';
import { registerInit } from './commands/init.ts';
import { registerServe } from './commands/serve.ts';
import { registerToken } from './commands/token.ts';
import { registerTransform } from './commands/transform.ts';
import { registerUser } from './commands/user.ts';
import { describeFailure, EXIT_OK } from './errors.ts';
import { type CliIo, note, processIo } from './io.ts';

/** Once a command has finished, the process gets this long to exit on its own before it is made to. */
const EXIT_GRACE_MS = 2_000;

/**
 * Runs one command line and returns its exit code: 0 ok, 1 runtime failure, 2 usage error.
 * Without `io` it is the process's own CLI: it reads the real environment and sets the exit code.
 */
export async function main(argv: string[], io?: CliIo): Promise<number> {
  const cli = io ?? processIo();
  const code = await run(argv, cli);
  if (!io) {
    process.exitCode = code;
    // A handle left open (a socket, a timer in a dependency) must not keep a finished command alive.
    setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
  }
  return code;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    const failure = describeFailure(error);
    if (failure.line) note(io, failure.line);
    return failure.code;
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command('ledgerline')
    .description('Ledgerline: an analytics-first ERP on one DuckDB file')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError();
  registerInit(program, io);
  registerServe(program, io);
  registerDemo(program, io);
  registerTransform(program, io);
  registerExport(program, io);
  registerToken(program, io);
  registerUser(program, io);
  return program;
}

function packageVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
