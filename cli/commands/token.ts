// `ledgerline token create`: a new API token for a machine; the token alone goes to standard output,
// so `export LEDGERLINE_TOKEN=$(ledgerline token create --role finance --name ci)` works.
import type { Command } from 'commander';
import { createTokenCommand, newToken, type Role, TokenInput } from '../../ingest/index.ts';
import { checkInput } from '../check-input.ts';
import { type CliIo, note, say } from '../io.ts';
import { dbPathFor, withLedger } from '../ledger-file.ts';
import { dbOption, roleOption } from '../options.ts';

/** Recorded as the creator of what the CLI writes. */
export const CLI_USER = 'cli';

interface TokenFlags {
  db?: string;
  role: Role;
  name: string;
}

export function registerToken(program: Command, io: CliIo): void {
  program
    .command('token')
    .description('manage API tokens')
    .command('create')
    .description('create an API token and print it once')
    .addOption(roleOption())
    .requiredOption('--name <name>', 'who or what holds the token, e.g. ci-export')
    .addOption(dbOption())
    .action(async (flags: TokenFlags) => {
      const input = checkInput(TokenInput, { name: flags.name, role: flags.role });
      const token = newToken();
      await withLedger(dbPathFor(io, flags.db), (ledger) =>
        ledger.submit(createTokenCommand(CLI_USER, input.name, input.role, token)),
      );
      note(io, `Created token "${input.name}" with role ${input.role}. It is shown once:`);
      say(io, token);
    });
}
