// `ledgerline init`: create the database, load the seeds and print the admin credentials once.
import type { Command } from 'commander';
import { type CliIo, say } from '../io.ts';
import { type Credentials, createLedgerFile, dbPathFor } from '../ledger-file.ts';
import { dbOption, parseCurrency, parseMonth } from '../options.ts';

interface InitFlags {
  db?: string;
  company?: string;
  currency: string;
  fiscalYearStart: number;
  allowNegativeStock?: boolean;
}

export function registerInit(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('create a database, load the seeds and print the admin token and password')
    .addOption(dbOption())
    .option('--company <name>', 'company name shown on statements')
    .option('--currency <code>', 'ISO 4217 currency of the books', parseCurrency, 'EUR')
    .option('--fiscal-year-start <MM>', 'month the fiscal year starts in', parseMonth, 1)
    .option(
      '--allow-negative-stock',
      'book issues beyond stock (items without batches) instead of refusing them',
    )
    .action(async (flags: InitFlags) => {
      const path = dbPathFor(io, flags.db);
      const credentials = await createLedgerFile(io, {
        path,
        company: flags.company,
        currency: flags.currency,
        fiscalYearStartMonth: flags.fiscalYearStart,
        allowNegativeStock: flags.allowNegativeStock === true,
      });
      const start = String(flags.fiscalYearStart).padStart(2, '0');
      say(io, `Created ${path} (${flags.currency}, fiscal year starting in month ${start}).`);
      printCredentials(io, credentials);
    });
}

export function printCredentials(io: CliIo, credentials: Credentials): void {
  const from = (isFromEnv: boolean, name: string) => (isFromEnv ? `   (from ${name})` : '');
  say(io, 'Admin user:     admin');
  say(
    io,
    `Admin password: ${credentials.adminPassword}${from(credentials.passwordFromEnv, 'LEDGERLINE_ADMIN_PASSWORD')}`,
  );
  say(
    io,
    `Admin token:    ${credentials.adminToken}${from(credentials.tokenFromEnv, 'LEDGERLINE_ADMIN_TOKEN')}`,
  );
  say(io, 'They are shown once and stored only as hashes: keep them somewhere safe now.');
}
