// Where the CLI writes and what it reads from its surroundings, so tests can run commands in-process.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The environment the command sees (LEDGERLINE_DB, LEDGERLINE_ADMIN_TOKEN, …). */
  env: Record<string, string | undefined>;
  /** A terminal to draw progress bars on; absent when standard error is a pipe or a file. */
  progressStream?: NodeJS.WriteStream;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    progressStream: process.stderr.isTTY ? process.stderr : undefined,
  };
}

/** Writes one line to standard output. */
export function say(io: CliIo, line = ''): void {
  io.stdout(`${line}\n`);
}

/** Writes one line to standard error: notes for people, kept out of what scripts capture. */
export function note(io: CliIo, line: string): void {
  io.stderr(`${line}\n`);
}

/** An environment value, treating an empty string as unset. */
export function envValue(io: CliIo, name: string): string | undefined {
  const value = io.env[name];
  return value === undefined || value === '' ? undefined : value;
}
