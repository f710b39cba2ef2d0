// `ledgerline transform`: builds the marts from the facts with the embedded dbt-compatible runner.
import { type Command, InvalidArgumentError } from 'commander';
import { parse } from 'yaml';
import type { CliIo } from '../io.ts';
import { dbPathFor, withLedger } from '../ledger-file.ts';
import { dbOption } from '../options.ts';

interface TransformFlags {
  db?: string;
  full?: boolean;
  select?: string[];
  testOnly?: boolean;
  vars?: Record<string, unknown>;
}

/** dbt's --vars: a YAML (or JSON) mapping. */
export function parseVars(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    throw new InvalidArgumentError(
      'vars are a YAML or JSON mapping, e.g. \'{calendar_as_of: "2025-12-31"}\'.',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidArgumentError('vars are a mapping of names to values.');
  return value as Record<string, unknown>;
}

export function registerTransform(program: Command, io: CliIo): void {
  program
    .command('transform')
    .description('build the marts from the facts (the dbt project, run by the embedded runner)')
    .addOption(dbOption())
    .option('--full', 'rebuild incremental models from all the facts (dbt --full-refresh)')
    .option('--select <selector...>', 'only these nodes, dbt syntax: name, name+, +name, tag:x, path:dir')
    .option('--test-only', 'run the data tests only (dbt test)')
    .option('--vars <yaml>', 'project vars as YAML or JSON (dbt --vars)', parseVars)
    .action(async (flags: TransformFlags) => {
      const { assertSucceeded, runTransformWithProgress } = await import('../transform-run.ts');
      const result = await withLedger(dbPathFor(io, flags.db), (ledger) =>
        runTransformWithProgress(io, ledger, {
          full: flags.full === true,
          select: flags.select,
          command: flags.testOnly ? 'test' : 'build',
          vars: flags.vars,
        }),
      );
      assertSucceeded(result);
    });
}
