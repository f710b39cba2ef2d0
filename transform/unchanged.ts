// What an incremental build may leave as it stands, because nothing it depends on has changed.
//
// Each relation a run reads or builds gets a version: a source's comes from its rows (an append-only facts
// table changes only by growing, so its row count is its version; a mutable reference table is hashed whole),
// a built relation's from its definition and the versions of its inputs. A model whose rendered SQL and
// inputs are those of its last build by this process stands as built; a test whose SQL and inputs are those
// of its last passing run keeps that result. Views and seeds stand while their definition is unchanged, since
// DuckDB binds a view by name on every read. Kept per open database and per process: only this process
// writes the file while it has it open, and only the runner writes the marts. A full build, a failure, a
// missing relation or SQL that reads the clock or chance (NONDETERMINISTIC_SQL) builds again.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { quoteLiteral, Relation } from './relation.ts';
import type { Session } from './session.ts';
import type { Project } from './types.ts';

/** Schemas whose tables only ever grow (no update, no delete): their row count versions them. */
export const APPEND_ONLY_SCHEMAS: readonly string[] = ['facts'];

/** SQL that may give another answer on the same inputs (the clock's keywords, or a call of a function of
 * the clock or of chance): such a node never stands on its old result. */
export const NONDETERMINISTIC_SQL = new RegExp(
  [
    String.raw`\b(current_date|current_time|current_timestamp|localtime|localtimestamp)\b`,
    String.raw`\b(now|today|get_current_time|get_current_timestamp|transaction_timestamp|random|setseed|uuid|gen_random_uuid|current_setting)\s*\(`,
  ].join('|'),
  'i',
);

interface Built {
  /** The definition (and for tables, the inputs' versions) it was built from. */
  fingerprint: string;
  rows: number | null;
  /** What readers of this relation see, as a token: equal tokens, equal contents. */
  version: string;
}

interface Passed {
  fingerprint: string;
  status: 'pass' | 'warn';
  rows: number | null;
  failingRows: Record<string, unknown>[] | null;
}

interface Memory {
  relations: Map<string, Built>;
  tests: Map<string, Passed>;
}

const memories = new WeakMap<object, Memory>();

function memoryOf(database: object): Memory {
  let memory = memories.get(database);
  if (!memory) {
    memory = { relations: new Map(), tests: new Map() };
    memories.set(database, memory);
  }
  return memory;
}

export const digestOf = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** A view's fingerprint: its SQL. */
export function viewFingerprint(sql: string): string {
  return `view:${sql}`;
}

/** A seed's fingerprint: the SQL that loads it and the bytes of its CSV file. */
export function seedFingerprint(sql: string, csvPath: string): string {
  return `seed:${digestOf(readFileSync(csvPath))}:${sql}`;
}

/**
 * A table's or test's fingerprint: what it is, its SQL, and the version of every relation it reads; null when
 * some input's version is unknown or the SQL is not deterministic, so it must run.
 */
export function inputsFingerprint(
  definition: string,
  sql: string,
  inputs: readonly Relation[],
  versions: RunVersions,
): string | null {
  if (NONDETERMINISTIC_SQL.test(sql)) return null;
  const read: string[] = [];
  for (const relation of new Set(inputs.map(String)).values()) {
    const version = versions.of(relation);
    if (version === undefined) return null;
    read.push(`${relation}=${version}`);
  }
  return `${definition}\n${sql}\n${read.sort().join('\n')}`;
}

/** What the last build of `relation` from `fingerprint` gave, if this process made it and nothing since. */
export function builtBefore(database: object, relation: Relation, fingerprint: string): Built | null {
  const built = memoryOf(database).relations.get(String(relation));
  return built?.fingerprint === fingerprint ? built : null;
}

/**
 * Remembers a build. Its version follows from its fingerprint when that pins the contents (a view over
 * versioned inputs, a table from deterministic SQL); otherwise it is new, and readers build again.
 */
export function rememberBuilt(
  database: object,
  relation: Relation,
  fingerprint: string | null,
  rows: number | null,
  version: string | null,
): void {
  if (fingerprint === null && version === null) {
    forgetBuilt(database, relation);
    return;
  }
  memoryOf(database).relations.set(String(relation), {
    fingerprint: fingerprint ?? `unrepeatable:${randomUUID()}`,
    rows,
    version: version ?? (fingerprint === null ? randomUUID() : digestOf(fingerprint)),
  });
}

export function forgetBuilt(database: object, relation: Relation): void {
  memoryOf(database).relations.delete(String(relation));
}

/** The earlier passing result of a test with this fingerprint, if this process ran it. */
export function passedBefore(database: object, test: string, fingerprint: string): Passed | null {
  const passed = memoryOf(database).tests.get(test);
  return passed?.fingerprint === fingerprint ? passed : null;
}

/** Remembers a test's result; only a pass or a warning may be kept for the next run. */
export function rememberTest(
  database: object,
  test: string,
  fingerprint: string | null,
  outcome: { status: string; rows: number | null; failingRows: Record<string, unknown>[] | null },
): void {
  const tests = memoryOf(database).tests;
  if (fingerprint === null || (outcome.status !== 'pass' && outcome.status !== 'warn')) {
    tests.delete(test);
    return;
  }
  tests.set(test, {
    fingerprint,
    status: outcome.status,
    rows: outcome.rows,
    failingRows: outcome.failingRows,
  });
}

/** Tables of at most this many rows built by SQL that reads the clock are versioned by their contents. */
export const CONTENT_VERSION_ROWS_MAX = 100_000;

/**
 * The version of a table whose SQL does not pin its contents (it reads the clock): its rows, hashed, when
 * there are few enough (the calendar, rebuilt each run, usually holds the same days); else null (new).
 */
export async function contentVersion(
  session: Session,
  relation: Relation,
  rows: number | null,
): Promise<string | null> {
  if (rows === null || rows > CONTENT_VERSION_ROWS_MAX) return null;
  const [row] = await session.rows(
    `select count(*)::varchar || ':' || coalesce(sum(hash(t)), 0)::varchar as version from ${relation} as t`,
  );
  return row ? `content:${String(row.version)}` : null;
}

/** The versions a run sees: its sources' read at its start, its built relations' as the run goes. */
export class RunVersions {
  constructor(
    private readonly database: object,
    private readonly sources: ReadonlyMap<string, string>,
  ) {}

  of(relation: string): string | undefined {
    return this.sources.get(relation) ?? memoryOf(this.database).relations.get(relation)?.version;
  }
}

/**
 * Reads the version of every declared source that exists, in one query: an append-only table's row count
 * (DuckDB keeps it, so no scan), any other table's row count and the sum of its rows' hashes.
 */
export async function sourceVersions(session: Session, project: Project): Promise<Map<string, string>> {
  const present = await session.rows(
    `select table_schema, table_name from information_schema.tables where table_catalog = current_database()`,
  );
  const exists = new Set(present.map((row) => `${row.table_schema}.${row.table_name}`));
  const parts: string[] = [];
  for (const source of project.sources.values()) {
    if (!exists.has(`${source.schema}.${source.identifier}`)) continue;
    const relation = String(new Relation(source.schema, source.identifier));
    const version = APPEND_ONLY_SCHEMAS.includes(source.schema)
      ? 'count(*)::varchar'
      : `count(*)::varchar || ':' || coalesce(sum(hash(t)), 0)::varchar`;
    parts.push(`select ${quoteLiteral(relation)} as relation, ${version} as version from ${relation} as t`);
  }
  if (parts.length === 0) return new Map();
  const rows = await session.rows(parts.join('\nunion all\n'));
  return new Map(rows.map((row) => [String(row.relation), `source:${String(row.version)}`]));
}
