// `ledgerline demo`: a fresh database for Northwind Fabrication GmbH with a simulated fiscal year, a summary
// of what was posted, its marts built by a full transform, and (with --serve) the running app with its login.
import { existsSync, rmSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { type Ledger, LedgerError } from '../../ingest/index.ts';
import {
  DEFAULT_SEED,
  DEMO_COMPANY,
  SCALES,
  type Scale,
  type SimulationResult,
  simulateCompany,
} from '../../seeds/demo/index.ts';
import { groupDigits, seconds } from '../format.ts';
import { type CliIo, note, say } from '../io.ts';
import { type Credentials, createLedgerFile, openLedger, withLedger } from '../ledger-file.ts';
import { hostOption, parseSeed, portOption } from '../options.ts';
import { progressFor } from '../progress.ts';
import { serveUntilStopped } from '../serve-until-stopped.ts';
import { assertSucceeded, runTransformWithProgress } from '../transform-run.ts';
import { configuredJobs } from './serve.ts';

/**
 * The demo's own file. LEDGERLINE_DB is deliberately not consulted: the demo deletes its target,
 * and a variable meant for real books must never point it at them.
 */
export const DEMO_DB_PATH = './data/demo.duckdb';

interface DemoFlags {
  db: string;
  scale: Scale;
  seed: number;
  serve?: boolean;
  port: number;
  host: string;
}

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('simulate a year of a small manufacturing company into a fresh database')
    .option('--db <file>', 'demo database file; an earlier demo there is replaced', DEMO_DB_PATH)
    .addOption(
      new Option('--scale <scale>', 'size of the company').choices(Object.keys(SCALES)).default('small'),
    )
    .option('--seed <n>', 'random seed; the same seed gives the same books', parseSeed, DEFAULT_SEED)
    .option('--serve', 'serve the demo when it is ready')
    .addOption(portOption())
    .addOption(hostOption())
    .action((flags: DemoFlags) => runDemo(io, flags));
}

async function runDemo(io: CliIo, flags: DemoFlags): Promise<void> {
  const started = performance.now();
  await clearEarlierDemo(io, flags.db);
  const credentials = await createLedgerFile(io, {
    path: flags.db,
    company: DEMO_COMPANY,
    currency: 'EUR',
    fiscalYearStartMonth: 1,
  });
  const ledger = await openLedger(flags.db);
  let isServing = false;
  try {
    const result = await simulate(io, ledger, flags);
    await printSummary(io, ledger, result, performance.now() - started);
    // "Transformed and served": the statements read marts, so the demo builds them before anyone asks.
    say(io);
    assertSucceeded(await runTransformWithProgress(io, ledger, { full: true }));
    say(io);
    if (flags.serve) {
      isServing = true;
      const announce = (url: string) => loginLines(url, credentials);
      const jobs = await configuredJobs(io);
      await serveUntilStopped(io, ledger, { port: flags.port, hostname: flags.host, announce, jobs });
    } else {
      printCredentialsHint(io, credentials, flags.db);
    }
  } finally {
    if (!isServing) await ledger.close();
  }
}

/** Deletes an earlier demo at `path`, but refuses to touch a database that is not a demo. */
async function clearEarlierDemo(io: CliIo, path: string): Promise<void> {
  const wal = `${path}.wal`;
  if (existsSync(path)) {
    const company = await withLedger(path, async (ledger) => ledger.state.settings.companyName);
    if (company !== DEMO_COMPANY) {
      throw new LedgerError(
        'conflict',
        'not_a_demo_database',
        `${path} holds the books of "${company}", not the demo; the demo only replaces its own databases, so choose another --db`,
      );
    }
    note(io, `Replacing the earlier demo database ${path} (and its .wal).`);
    rmSync(path);
  }
  // A write-ahead log without its database would be replayed into the new file.
  rmSync(wal, { force: true });
}

async function simulate(io: CliIo, ledger: Ledger, flags: DemoFlags): Promise<SimulationResult> {
  const progress = progressFor(io, `Simulating ${DEMO_COMPANY} (${flags.scale})`);
  try {
    return await simulateCompany(ledger, {
      scale: flags.scale,
      seed: flags.seed,
      onProgress: (done, total, journals) => progress.update(done, total, journals),
    });
  } finally {
    progress.stop();
  }
}

async function printSummary(io: CliIo, ledger: Ledger, result: SimulationResult, totalMs: number) {
  const [totals] = await ledger.db.query(`
    select count(distinct l.document_number) as journals, count(*) as lines,
           sum(l.debit) as debit, sum(l.credit) as credit,
           sum(l.credit - l.debit) filter (where a.statement_section = 'revenue') as revenue,
           sum(l.credit - l.debit) filter (where a.type in ('revenue', 'expense')) as net_income,
           sum(l.debit - l.credit) filter (where a.cash_flow_category = 'cash') as cash
    from facts.journal_lines l join ref.accounts a on a.code = l.account_code`);
  const money = (value: unknown) => `${groupDigits(String(value ?? '0.00')).padStart(16)} EUR`;
  say(io, `${DEMO_COMPANY}, fiscal year ${result.year} (scale ${result.scale}, seed ${result.seed}):`);
  say(
    io,
    `  ${groupDigits(String(totals?.journals))} journals, ${groupDigits(String(totals?.lines))} lines, ` +
      `simulated and posted in ${seconds(result.elapsed_ms)} (whole demo ${seconds(totalMs)})`,
  );
  say(io, `  total debits      ${money(totals?.debit)}`);
  say(io, `  total credits     ${money(totals?.credit)}`);
  say(io, `  revenue           ${money(totals?.revenue)}`);
  say(io, `  net income        ${money(totals?.net_income)}`);
  say(io, `  cash at year end  ${money(totals?.cash)}`);
}

function loginLines(url: string, credentials: Credentials): string[] {
  return [
    `Dashboards: ${url}/dashboards`,
    `API docs: ${url}/docs`,
    `Sign in as admin with password ${credentials.adminPassword}`,
    `API token (Authorization: Bearer …): ${credentials.adminToken}`,
  ];
}

function printCredentialsHint(io: CliIo, credentials: Credentials, path: string): void {
  say(io, `Admin password: ${credentials.adminPassword}`);
  say(io, `Admin token:    ${credentials.adminToken}`);
  say(io, `Serve it with:  ledgerline serve --db ${path}   (or run the demo with --serve)`);
}
