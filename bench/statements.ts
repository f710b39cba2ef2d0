// Statement benchmark (issue 4): p50 latency of each statement through our stack vs the same statement as raw
// SQL on the marts, computed from the facts in DuckDB, and from the same facts COPYed into PostgreSQL; plus
// one general-ledger page. Every contender's key figures are checked equal before any latency is shown.
import type { Pool } from 'pg';
import { startServer } from '../api/index.ts';
import type { Database } from '../ingest/db/database.ts';
import type { Ledger } from '../ingest/index.ts';
import { getReport, runReport, statementJson } from '../reports/index.ts';
import { bindNamed, textOf } from '../reports/run.ts';
import { leafScope } from '../reports/statements/kept.ts';
import { buildLedgerIndex } from '../reports/statements/ledger-index.ts';
import { readFreshness } from '../schedules/index.ts';
import { ADMIN_TOKEN, ledgerWithMarts } from './fixtures.ts';
import { FIRST_DATE, LAST_DATE } from './generate.ts';
import { BenchClient } from './http-client.ts';
import { type Cluster, findPgBin, settingsSummary, startCluster } from './postgres.ts';
import { loadFacts } from './postgres-facts.ts';
import { CASES, type Figures, type Row, type StatementCase } from './statement-cases.ts';
import { factsSource, martSource } from './statement-queries.ts';
import { machineNote, percentile, table } from './support.ts';

/** Timed runs per contender after up to WARMUP_RUNS untimed ones (fewer once WARMUP_BUDGET_MS is spent). */
const RUNS = 30;
const WARMUP_RUNS = 3;
const WARMUP_BUDGET_MS = 5_000;
/** A slow contender stops after this long once it has MIN_RUNS samples (PostgreSQL scans 10 M rows a run). */
const CONTENDER_BUDGET_MS = 30_000;
const MIN_RUNS = 10;
/** Targets of issue 4. */
const STATEMENT_P50_MS_MAX = 20;
const GL_PAGE_P50_MS_MAX = 10;
const VS_POSTGRES_MIN = 30;
const VS_RAW_MART_MAX = 1.5;
/** Builds of a general-ledger page index timed per scope (a build is what a scope's first page costs). */
const INDEX_BUILDS = 3;
/** Scopes whose index build is timed: the busiest leaf (the operating bank account) and its group. */
const INDEX_SCOPES = ['1130', '1100'];

type Runner = (statement: StatementCase) => Promise<Figures>;

interface Sample {
  p50: number;
  runs: number;
  figures: Figures;
}

async function measure(statement: StatementCase, run: Runner): Promise<Sample> {
  const warming = performance.now();
  let figures = await run(statement);
  for (let index = 1; index < WARMUP_RUNS && performance.now() - warming < WARMUP_BUDGET_MS; index++)
    figures = await run(statement);
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < RUNS) {
    const begun = performance.now();
    await run(statement);
    samples.push(performance.now() - begun);
    if (samples.length >= MIN_RUNS && performance.now() - started > CONTENDER_BUDGET_MS) break;
  }
  return {
    p50: percentile(
      samples.sort((a, b) => a - b),
      50,
    ),
    runs: samples.length,
    figures,
  };
}

/**
 * Contenders measured side by side: each round times each of them once, in an order that turns every round,
 * so the machine's noise (large here, and changing over seconds) falls on all of them alike and their ratios
 * hold. For the fast contenders; a slow one (PostgreSQL, DuckDB on the facts) is measured alone.
 */
async function measureSideBySide(
  statement: StatementCase,
  runners: ReadonlyArray<readonly [string, Runner]>,
): Promise<Map<string, Sample>> {
  const figures = new Map<string, Figures>();
  for (let round = 0; round < WARMUP_RUNS; round++)
    for (const [name, run] of runners) figures.set(name, await run(statement));
  const samples = new Map<string, number[]>(runners.map(([name]) => [name, []]));
  for (let round = 0; round < RUNS; round++) {
    for (let turn = 0; turn < runners.length; turn++) {
      const [name, run] = runners[(round + turn) % runners.length] as readonly [string, Runner];
      const begun = performance.now();
      await run(statement);
      samples.get(name)?.push(performance.now() - begun);
    }
  }
  return new Map(
    runners.map(([name]) => {
      const sorted = (samples.get(name) ?? []).sort((a, b) => a - b);
      return [name, { p50: percentile(sorted, 50), runs: sorted.length, figures: figures.get(name) ?? {} }];
    }),
  );
}

/** Our stack over HTTP when the statements routes answer, else runReport in-process plus the JSON it would send. */
async function oursRunner(
  ledger: Ledger,
): Promise<{ label: string; run: Runner; close: () => Promise<void> }> {
  const server = await startServer(ledger, { port: 0, hostname: '127.0.0.1', processMetrics: false });
  // node:http over a kept-alive socket: the client shares this process and its cores with the server.
  const client = new BenchClient(server.url, ADMIN_TOKEN, 1);
  const path = (statement: StatementCase) =>
    `${statement.path}?${new URLSearchParams(statement.query).toString()}`;
  const probes = await Promise.all(
    CASES.map(async (statement) => (await client.get(path(statement))).status),
  );
  const close = async () => {
    client.close();
    await server.close();
  };
  if (probes.every((status) => status === 200)) {
    const run: Runner = async (statement) => {
      const answer = await client.get(path(statement));
      if (answer.status !== 200)
        throw new Error(`${statement.path} answered ${answer.status}: ${answer.body}`);
      return statement.oursFigures(JSON.parse(answer.body));
    };
    return { label: 'GET over HTTP (loopback, node:http keep-alive, server in this process)', run, close };
  }
  await close();
  const label = `runReport in-process + JSON (the routes answered ${probes.join('/')})`;
  return { label, run: inProcessRunner(ledger.db), close: async () => {} };
}

/** runReport alone, in-process, with the JSON the route would send. */
function inProcessRunner(db: Database): Runner {
  return async (statement) => {
    const body = JSON.stringify(statementJson(await runReport(db, statement.id, statement.query)));
    return statement.oursFigures(JSON.parse(body));
  };
}

/** Only the SQL our report definition runs (its queries in parallel, as runReport does): no parsing, no shaping. */
function definitionSqlRunner(db: Database): Runner {
  return async (statement) => {
    const definition = getReport(statement.id);
    const params = definition.params.parse(statement.query);
    const resolved = definition.resolve ? await definition.resolve(db, params) : {};
    const values: Record<string, unknown> = { ...params, ...definition.bind?.(params), ...resolved };
    const main = textOf(definition.sql, params);
    const extra = Object.values(definition.extraSql?.(params) ?? {});
    const sqls = [main, ...(definition.totalsSql ? [textOf(definition.totalsSql, params)] : []), ...extra];
    await Promise.all(sqls.map((sql) => db.query(sql, bindNamed(sql, values))));
    return {};
  };
}

/**
 * Reading the freshness stamp every statement answer carries (latest complete run, highest fact seq) from
 * the database; the API reads it once per commit or transform run and serves it from memory in between.
 */
const freshnessRunner =
  (db: Database): Runner =>
  async () => {
    await readFreshness(db);
    return {};
  };

function duckRunner(db: Database, source: ReturnType<typeof martSource>): Runner {
  return async (statement) => {
    const results = await Promise.all(statement.sql(source).map((sql) => db.query(sql)));
    return statement.rawFigures(results as Row[][]);
  };
}

function pgRunner(pool: Pool): Runner {
  const source = factsSource('journal_lines', 'accounts');
  return async (statement) => {
    const results = await Promise.all(statement.sql(source).map((sql) => pool.query(sql)));
    return statement.rawFigures(results.map((result) => result.rows as Row[]));
  };
}

interface Postgres {
  runner: Runner | null;
  note: string;
  close: () => Promise<void>;
}

/** A throwaway cluster with the facts loaded, or a note saying why PostgreSQL is skipped. */
async function postgres(db: Database): Promise<Postgres> {
  const bin = findPgBin();
  if (!bin) return skipped('PostgreSQL not installed (apt-get install postgresql)');
  let pg: typeof import('pg').default;
  try {
    pg = (await import('pg')).default;
  } catch {
    return skipped('the pg client is not installed (npm install)');
  }
  const cluster: Cluster = await startCluster(bin);
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: cluster.port,
    user: 'postgres',
    database: 'postgres',
    max: 4,
  });
  try {
    const load = await loadFacts(db, pool, cluster.dir);
    const note =
      `PostgreSQL ${cluster.version}: ${load.rows.toLocaleString('en-US')} lines loaded — CSV export ${load.exportSeconds.toFixed(1)} s, ` +
      `COPY ${load.copySeconds.toFixed(1)} s, 3 indexes ${load.indexSeconds.toFixed(1)} s, ` +
      `VACUUM ANALYZE ${load.analyzeSeconds.toFixed(1)} s; ${settingsSummary()}`;
    const close = async () => {
      await pool.end();
      await cluster.stop();
    };
    return { runner: pgRunner(pool), note, close };
  } catch (error) {
    await pool.end();
    await cluster.stop();
    throw error;
  }
}

function skipped(reason: string): Postgres {
  return { runner: null, note: `skipped: ${reason}`, close: async () => {} };
}

const ms = (value: number) => value.toFixed(2);
const times = (value: number) => `${value.toFixed(1)}×`;

export async function runStatementsBench(): Promise<void> {
  const fixture = await ledgerWithMarts();
  const db = fixture.ledger.db;
  const ours = await oursRunner(fixture.ledger);
  const pg = await postgres(db).catch((error: Error) => skipped(`PostgreSQL failed: ${error.message}`));
  try {
    console.log(
      `${fixture.lines.toLocaleString('en-US')} journal lines ${FIRST_DATE}..${LAST_DATE}; ours = ${ours.label}; ` +
        machineNote(),
    );
    console.log(pg.note);
    // Side by side: ours, the raw query on the mart (the ratio's two ends) and where our time goes.
    const sideBySide: Array<[string, Runner]> = [
      ['ours', ours.run],
      ['raw mart', duckRunner(db, martSource())],
      ['runReport in-process', inProcessRunner(db)],
      ['its SQL alone', definitionSqlRunner(db)],
      ['freshness read (uncached)', freshnessRunner(db)],
    ];
    // Alone: tens to thousands of milliseconds a run.
    const slow: Array<[string, Runner | null]> = [
      ['DuckDB facts', duckRunner(db, factsSource('facts.journal_lines', 'ref.accounts'))],
      ['PostgreSQL', pg.runner],
    ];
    const rows: Array<Record<string, string>> = [];
    const parts: Array<Record<string, string>> = [];
    const mismatches: string[] = [];
    for (const statement of CASES) {
      const samples = await measureSideBySide(statement, sideBySide);
      for (const [name, run] of slow) if (run) samples.set(name, await measure(statement, run));
      mismatches.push(...compare(statement, samples));
      rows.push(resultRow(statement, samples));
      parts.push(breakdownRow(statement, samples));
    }
    table(rows);
    console.log(
      mismatches.length === 0
        ? 'figures (totals, sections, cash, GL page) equal across every contender'
        : `FIGURES DIFFER: ${mismatches.join('; ')}`,
    );
    console.log('\nwhere our time goes (p50 ms, measured side by side with ours and the raw query):');
    table(parts);
    console.log(
      '\ngeneral-ledger page index: what the first page of a scope costs (kept until a transform publishes,',
    );
    console.log('then brought up to date with the new lines only):');
    table(await indexBuilds(db));
  } finally {
    await ours.close();
    await pg.close();
  }
}

/** Median time of INDEX_BUILDS builds of the page index of each of INDEX_SCOPES, with its size. */
async function indexBuilds(db: Database): Promise<Array<Record<string, string>>> {
  const rows: Array<Record<string, string>> = [];
  for (const account of INDEX_SCOPES) {
    const accounts = (await leafScope(db, account)).join(',');
    const scope = { accounts, department: null, cost_center: null, project: null };
    const timings: number[] = [];
    let index = await buildLedgerIndex(db, scope);
    for (let build = 0; build < INDEX_BUILDS; build++) {
      const begun = performance.now();
      index = await buildLedgerIndex(db, scope);
      timings.push(performance.now() - begun);
    }
    rows.push({
      scope: `${account} (${accounts.split(',').length} leaf account(s))`,
      lines: index.lineCount.toLocaleString('en-US'),
      blocks: `${index.firstDate.length.toLocaleString('en-US')} of ${index.blockLines} lines`,
      'build p50 ms': ms(
        percentile(
          timings.sort((a, b) => a - b),
          50,
        ),
      ),
    });
  }
  return rows;
}

function compare(statement: StatementCase, samples: Map<string, Sample>): string[] {
  const expected = JSON.stringify(samples.get('ours')?.figures);
  const checked = ['raw mart', 'DuckDB facts', 'PostgreSQL', 'runReport in-process'];
  return [...samples]
    .filter(([name]) => checked.includes(name))
    .filter(([, sample]) => JSON.stringify(sample.figures) !== expected)
    .map(
      ([name, sample]) => `${statement.label} ${name} ${JSON.stringify(sample.figures)} vs ours ${expected}`,
    );
}

function resultRow(statement: StatementCase, samples: Map<string, Sample>): Record<string, string> {
  const ours = samples.get('ours') as Sample;
  const mart = samples.get('raw mart') as Sample;
  const pg = samples.get('PostgreSQL');
  const cell = (sample: Sample | undefined) =>
    sample ? `${ms(sample.p50)}${sample.runs < RUNS ? ` (n=${sample.runs})` : ''}` : 'skipped';
  const vsPg = pg ? pg.p50 / ours.p50 : Number.NaN;
  const vsMart = ours.p50 / mart.p50;
  const limitMs = statement.id === 'general-ledger' ? GL_PAGE_P50_MS_MAX : STATEMENT_P50_MS_MAX;
  const verdicts = [`≤${limitMs} ms ${ours.p50 <= limitMs ? 'met' : 'NOT met'}`];
  if (statement.id !== 'general-ledger') {
    verdicts.push(`≥${VS_POSTGRES_MIN}× PG ${pg ? (vsPg >= VS_POSTGRES_MIN ? 'met' : 'NOT met') : 'n/a'}`);
    verdicts.push(`≤${VS_RAW_MART_MAX}× mart ${vsMart <= VS_RAW_MART_MAX ? 'met' : 'NOT met'}`);
  }
  return {
    statement: statement.label,
    'ours p50 ms': ms(ours.p50),
    'raw mart p50': cell(mart),
    'DuckDB on facts p50': cell(samples.get('DuckDB facts')),
    'PostgreSQL p50': cell(pg),
    'ours vs PG ×': pg ? times(vsPg) : 'n/a',
    'ours vs raw mart ×': times(vsMart),
    targets: verdicts.join(', '),
  };
}

function breakdownRow(statement: StatementCase, samples: Map<string, Sample>): Record<string, string> {
  const p50 = (name: string) => ms(samples.get(name)?.p50 ?? Number.NaN);
  return {
    statement: statement.label,
    ours: p50('ours'),
    'runReport in-process': p50('runReport in-process'),
    'its SQL alone': p50('its SQL alone'),
    'freshness read (uncached)': p50('freshness read (uncached)'),
    'raw mart': p50('raw mart'),
  };
}
