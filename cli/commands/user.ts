// `ledgerline user create`: a person who signs in with a password (hashed with argon2id).
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { createUserCommand, hashPassword, type Role, UserInput } from '../../ingest/index.ts';
import { checkInput } from '../check-input.ts';
import { type CliIo, envValue, note, say } from '../io.ts';
import { dbPathFor, withLedger } from '../ledger-file.ts';
import { dbOption, roleOption } from '../options.ts';
import { CLI_USER } from './token.ts';

/** Random bytes in a generated password (16 base64url characters). */
const GENERATED_PASSWORD_BYTES = 12;

interface UserFlags {
  db?: string;
  name: string;
  role: Role;
  password?: string;
}

export function registerUser(program: Command, io: CliIo): void {
  program
    .command('user')
    .description('manage people who sign in')
    .command('create')
    .description(
      'create a user; the password comes from --password, LEDGERLINE_USER_PASSWORD or is generated',
    )
    .requiredOption('--name <name>', 'sign-in name')
    .addOption(roleOption())
    .option('--password <password>', 'password (prefer LEDGERLINE_USER_PASSWORD: flags show up in `ps`)')
    .addOption(dbOption())
    .action(async (flags: UserFlags) => {
      const given = flags.password ?? envValue(io, 'LEDGERLINE_USER_PASSWORD');
      const password = given ?? randomBytes(GENERATED_PASSWORD_BYTES).toString('base64url');
      const input = checkInput(UserInput, { name: flags.name, role: flags.role, password });
      const passwordHash = await hashPassword(input.password);
      await withLedger(dbPathFor(io, flags.db), (ledger) =>
        ledger.submit(createUserCommand(CLI_USER, input.name, input.role, passwordHash)),
      );
      note(io, `Created user "${input.name}" with role ${input.role}.`);
      if (given === undefined) {
        note(io, 'Generated password, shown once:');
        say(io, password);
      }
    });
}
