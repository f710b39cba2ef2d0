// Views and seeds this process already built from the very same definition are left as they are: a view is
// only its SQL (DuckDB binds it by name on every read, so a rebuilt parent needs no new view), a seed only
// its CSV. Re-creating them cost an incremental build a commit each, for nothing. Kept per open database and
// per process, since only this process writes the file while it has it open; a full build, a missing
// relation or a failed build builds again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Relation } from './relation.ts';

interface Built {
  fingerprint: string;
  rows: number | null;
}

const builtIn = new WeakMap<object, Map<string, Built>>();

function builtFor(database: object): Map<string, Built> {
  let built = builtIn.get(database);
  if (!built) {
    built = new Map();
    builtIn.set(database, built);
  }
  return built;
}

/** A view's fingerprint: its SQL. */
export function viewFingerprint(sql: string): string {
  return `view:${sql}`;
}

/** A seed's fingerprint: the SQL that loads it and the bytes of its CSV file. */
export function seedFingerprint(sql: string, csvPath: string): string {
  const digest = createHash('sha256').update(readFileSync(csvPath)).digest('hex');
  return `seed:${digest}:${sql}`;
}

/** What the last build of `relation` from `fingerprint` gave, if this process made it and nothing since. */
export function builtBefore(database: object, relation: Relation, fingerprint: string): Built | null {
  const built = builtFor(database).get(String(relation));
  return built?.fingerprint === fingerprint ? built : null;
}

export function rememberBuilt(
  database: object,
  relation: Relation,
  fingerprint: string,
  rows: number | null,
) {
  builtFor(database).set(String(relation), { fingerprint, rows });
}

export function forgetBuilt(database: object, relation: Relation): void {
  builtFor(database).delete(String(relation));
}
