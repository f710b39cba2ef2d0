// `ledgerline serve`: the API, the scheduler and the freshness refresher over one database, until stopped.
import type { Command } from 'commander';
import type { Job } from '../../schedules/index.ts';
import { type CliIo, envValue } from '../io.ts';
import { dbPathFor, openLedger } from '../ledger-file.ts';
import { dbOption, hostOption, portOption } from '../options.ts';
import { serveUntilStopped } from '../serve-until-stopped.ts';

interface ServeFlags {
  db?: string;
  port: number;
  host: string;
  jobs?: string;
  refresh: boolean;
}

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('serve the API and run the scheduled jobs over a database until SIGTERM or Ctrl+C')
    .addOption(dbOption())
    .addOption(portOption())
    .addOption(hostOption())
    .option('--jobs <file>', 'JSON overrides of the scheduled jobs (default: $LEDGERLINE_JOBS_FILE)')
    .option(
      '--no-refresh',
      'no mart refresh on its own (bulk loads): none after postings, no scheduled transforms; fresh=true still works',
    )
    .action(async (flags: ServeFlags) => {
      const jobs = await configuredJobs(io, flags.jobs);
      const ledger = await openLedger(dbPathFor(io, flags.db));
      await serveUntilStopped(io, ledger, {
        port: flags.port,
        hostname: flags.host,
        jobs,
        refreshMarts: flags.refresh,
      });
    });
}

/** The default jobs with the overrides of `--jobs FILE` (or LEDGERLINE_JOBS_FILE), then of LEDGERLINE_JOBS. */
export async function configuredJobs(io: CliIo, file?: string): Promise<Job[]> {
  const { configureJobs } = await import('../../schedules/index.ts');
  return configureJobs({
    file: file ?? envValue(io, 'LEDGERLINE_JOBS_FILE'),
    json: envValue(io, 'LEDGERLINE_JOBS'),
  });
}
