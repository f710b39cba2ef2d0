// `ledgerline serve`: the API (and later dashboards and the scheduler) over one database, until stopped.
import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { dbPathFor, openLedger } from '../ledger-file.ts';
import { dbOption, hostOption, portOption } from '../options.ts';
import { serveUntilStopped } from '../serve-until-stopped.ts';

interface ServeFlags {
  db?: string;
  port: number;
  host: string;
}

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('serve the API over a database until SIGTERM or Ctrl+C')
    .addOption(dbOption())
    .addOption(portOption())
    .addOption(hostOption())
    .action(async (flags: ServeFlags) => {
      const ledger = await openLedger(dbPathFor(io, flags.db));
      await serveUntilStopped(io, ledger, { port: flags.port, hostname: flags.host });
    });
}
