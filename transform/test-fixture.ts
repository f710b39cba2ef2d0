// Test support: a small dbt project written into a temp folder, and a Ledgerline database to run it on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Database } from '../ingest/db/database.ts';
import { loadProject } from './project.ts';
import { runTransform } from './run.ts';
import type { Project, RunOptions, RunResult } from './types.ts';

export const PROJECT_YML = `name: fixture
profile: fixture
model-paths: [models]
seed-paths: [seeds]
test-paths: [tests]
macro-paths: [macros]
`;

/** Our project's override: a custom schema is used as written, as in the Ledgerline dbt project. */
export const SCHEMA_MACRO = `{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
`;

export interface Fixture {
  root: string;
  db: Database;
  write(files: Record<string, string>): void;
  remove(path: string): void;
  load(): Promise<Project>;
  run(options?: RunOptions): Promise<RunResult>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  exec(sql: string): Promise<void>;
  dispose(): Promise<void>;
}

/** Writes `files` (plus a dbt_project.yml and the schema macro unless given) and opens a database. */
export async function openFixture(files: Record<string, string>, dbPath = ':memory:'): Promise<Fixture> {
  const root = mkdtempSync(join(tmpdir(), 'ledgerline-transform-'));
  const write = (more: Record<string, string>) => {
    for (const [path, text] of Object.entries(more)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  };
  write({ 'dbt_project.yml': PROJECT_YML, 'macros/generate_schema_name.sql': SCHEMA_MACRO, ...files });
  const db = await Database.open(dbPath === ':memory:' ? dbPath : join(root, dbPath));
  return {
    root,
    db,
    write,
    remove: (path) => rmSync(join(root, path), { force: true }),
    load: () => loadProject(root),
    run: async (options) => runTransform(db, await loadProject(root), options),
    rows: (sql) => db.query(sql),
    exec: async (sql) => {
      await db.writeConnection.run(sql);
    },
    dispose: async () => {
      await db.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A facts-like table with the `seq` watermark, for models to read. */
export const SALES_FACTS = `create table facts.sales (
    seq bigint not null,
    sku varchar not null,
    qty integer not null,
    amount decimal(18, 2) not null
)`;

/** The status of each node of a run, by node name. */
export function statuses(result: RunResult): Record<string, string> {
  return Object.fromEntries(result.nodes.map((node) => [node.node, node.status]));
}
