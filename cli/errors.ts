// Exit codes and the one-line rendering of every failure the CLI can meet.
import { CommanderError } from 'commander';
import { type FieldError, LedgerError } from '../ingest/index.ts';

export const EXIT_OK = 0;
/** Something went wrong while doing what was asked (locked file, duplicate user, database error). */
export const EXIT_FAILURE = 1;
/** What was asked is malformed (unknown command, missing option, invalid value): fix the command line. */
export const EXIT_USAGE = 2;

/** A command line that cannot be carried out as typed; `errors` name the offending fields. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The exit code for `error` and the line to print (commander prints its own messages). */
export function describeFailure(error: unknown): { code: number; line?: string } {
  if (error instanceof CommanderError) {
    return { code: error.exitCode === 0 ? EXIT_OK : EXIT_USAGE };
  }
  if (error instanceof UsageError) {
    return { code: EXIT_USAGE, line: `error: ${error.message}${fieldErrors(error.errors, error.message)}` };
  }
  if (error instanceof LedgerError) {
    const code = error.kind === 'invalid' ? EXIT_USAGE : EXIT_FAILURE;
    return {
      code,
      line: `error: ${error.code}: ${error.message}${fieldErrors(error.errors, error.message)}`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: EXIT_FAILURE, line: `error: ${message.replaceAll('\n', ' ')}` };
}

/** The field errors, all on the same line; one that only repeats the message adds nothing. */
function fieldErrors(errors: FieldError[], message: string): string {
  const telling = errors.filter((item) => item.message !== message);
  if (telling.length === 0) return '';
  const items = telling.map((item) => `${item.path || '(input)'}: ${item.code} – ${item.message}`);
  return ` [${items.join('; ')}]`;
}
