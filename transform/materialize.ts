// Builds relations: view, table and seed via an atomic swap, incremental via one merge transaction.
import { isPlainObject } from './config.ts';
import { TransformError } from './errors.ts';
import { BUILD_SUFFIX } from './limits.ts';
import { quoteIdent, quoteLiteral, Relation } from './relation.ts';
import type { Session } from './session.ts';
import type { NodeConfig } from './types.ts';

export type RelationType = 'table' | 'view';

export interface BuildRequest {
  session: Session;
  relation: Relation;
  materialized: string;
  config: NodeConfig;
  /** The rendered SELECT. */
  sql: string;
  existing: RelationType | null;
  /** dbt's should_full_refresh(): the model's `full_refresh` config, else the run's --full flag. */
  fullRefresh: boolean;
  relations: RelationTypes;
}

/**
 * What sits at each relation during one run: the catalog is read once, then each build records what it
 * made (one run at a time per process, and only the runner writes these schemas).
 */
export class RelationTypes {
  private known: Map<string, RelationType> | null = null;

  /** Each schema's creation, started once: two model lanes creating one schema at once would conflict. */
  private readonly schemas = new Map<string, Promise<unknown>>();

  /** Creates `schema` unless this run already made sure of it (or is making sure of it). */
  async ensureSchema(session: Session, schema: string): Promise<void> {
    let creating = this.schemas.get(schema);
    if (!creating) {
      creating = session.run(`create schema if not exists ${quoteIdent(schema)}`);
      this.schemas.set(schema, creating);
      creating.catch(() => this.schemas.delete(schema));
    }
    await creating;
  }

  async get(session: Session, relation: Relation): Promise<RelationType | null> {
    this.known ??= await this.load(session);
    return this.known.get(keyOf(relation)) ?? null;
  }

  set(relation: Relation, type: RelationType): void {
    this.known?.set(keyOf(relation), type);
  }

  private async load(session: Session): Promise<Map<string, RelationType>> {
    const rows = await session.rows(
      `select table_schema, table_name, table_type from information_schema.tables
       where table_catalog = current_database()`,
    );
    const key = (row: Record<string, unknown>) => `${row.table_schema}.${row.table_name}`.toLowerCase();
    return new Map(rows.map((row) => [key(row), row.table_type === 'VIEW' ? 'view' : 'table']));
  }
}

function keyOf(relation: Relation): string {
  return `${relation.schema}.${relation.identifier}`.toLowerCase();
}

/** Builds the model; returns the rows built or inserted (null for a view). */
export async function materialize(request: BuildRequest): Promise<number | null> {
  const { materialized, existing } = request;
  await request.relations.ensureSchema(request.session, request.relation.schema);
  if (materialized === 'view') return buildView(request);
  if (materialized === 'table') return buildTable(request);
  if (materialized === 'incremental') {
    const plan = incrementalPlan(request.config);
    if (existing === 'table' && !request.fullRefresh) return mergeIncremental(request, plan);
    return buildTable(request);
  }
  if (materialized === 'ephemeral')
    throw new TransformError(
      'unsupported_feature',
      'ephemeral models are not supported by the embedded runner',
    );
  throw new TransformError('unsupported_feature', `materialization '${materialized}' is not supported`);
}

/** Views read their parents by name, so replacing one is a single statement (a table in the way goes too). */
async function buildView({ session, relation, sql, existing }: BuildRequest): Promise<null> {
  const create = `create or replace view ${relation} as (\n${sql}\n)`;
  if (existing === 'table')
    await session.transaction(async () => {
      await session.run(`drop table ${relation}`);
      await session.run(create);
    });
  else await session.run(create);
  return null;
}

/**
 * Builds under `<name>__ll_tmp`, then drops the old relation and renames the new one in one transaction:
 * another connection sees the old table or the new, never none and never a half-built one.
 */
export async function buildTable({ session, relation, sql, existing }: BuildRequest): Promise<number> {
  const building = new Relation(relation.schema, `${relation.identifier}${BUILD_SUFFIX}`);
  try {
    // Replaces what a failed earlier build may have left; DuckDB answers the rows written.
    const [created] = await session.rows(`create or replace table ${building} as (\n${sql}\n)`);
    const rows = Number(created?.Count ?? 0);
    await session.transaction(async () => {
      if (existing) await session.run(`drop ${existing} ${relation}`);
      await session.run(`alter table ${building} rename to ${quoteIdent(relation.identifier)}`);
    });
    return rows;
  } catch (error) {
    await session.run(`drop table if exists ${building}`).catch(() => 0);
    throw error;
  }
}

interface IncrementalPlan {
  strategy: 'append' | 'delete+insert';
  uniqueKey: string | string[] | null;
  onSchemaChange: 'ignore' | 'fail';
}

/** dbt-duckdb's default strategy is delete+insert, which without a unique_key only inserts (= append). */
function incrementalPlan(config: NodeConfig): IncrementalPlan {
  const raw = config.unique_key;
  const uniqueKey = Array.isArray(raw) ? (raw.length > 0 ? raw.map(String) : null) : raw ? String(raw) : null;
  const strategy = config.incremental_strategy ?? 'delete+insert';
  if (strategy !== 'append' && strategy !== 'delete+insert')
    throw new TransformError(
      'unsupported_feature',
      `incremental_strategy '${String(strategy)}' is not supported`,
    );
  const onSchemaChange = config.on_schema_change ?? 'ignore';
  if (onSchemaChange !== 'ignore' && onSchemaChange !== 'fail')
    throw new TransformError(
      'unsupported_feature',
      `on_schema_change '${String(onSchemaChange)}' is not supported`,
    );
  return { strategy, uniqueKey, onSchemaChange };
}

/**
 * New rows go to a temp table first; the delete (by unique_key) and the insert commit together. An append
 * (no key to delete by) inserts the model's rows straight away in one statement, with the same result
 * without writing every new row twice.
 */
async function mergeIncremental(request: BuildRequest, plan: IncrementalPlan): Promise<number> {
  const { session, relation, sql } = request;
  const appendsOnly = plan.strategy === 'append' || plan.uniqueKey === null;
  if (appendsOnly && plan.onSchemaChange === 'ignore') {
    const columns = await columnsOf(session, String(relation));
    const list = columns.map((column) => quoteIdent(column.name)).join(', ');
    return session.run(`insert into ${relation} (${list})\n(select ${list} from (\n${sql}\n) as model_rows)`);
  }
  const name = quoteIdent(`${relation.identifier}__ll_incr`);
  const temp = `"temp"."main".${name}`;
  await session.run(`create or replace temp table ${name} as (\n${sql}\n)`);
  try {
    const columns = await columnsOf(session, String(relation));
    if (plan.onSchemaChange === 'fail') await assertSameColumns(session, columns, relation, temp);
    const list = columns.map((column) => quoteIdent(column.name)).join(', ');
    return await session.transaction(async () => {
      if (plan.strategy === 'delete+insert' && plan.uniqueKey)
        await session.run(deleteByKeySql(relation, temp, plan.uniqueKey));
      return session.run(`insert into ${relation} (${list})\n(select ${list} from ${temp})`);
    });
  } finally {
    await session.run(`drop table if exists ${temp}`).catch(() => 0);
  }
}

/** dbt-duckdb's forms: a string key is matched as one expression, a list key column by column. */
function deleteByKeySql(target: Relation, temp: string, key: string | string[]): string {
  if (typeof key === 'string')
    return `delete from ${target}\nwhere (${key}) in (select (${key}) from ${temp})`;
  const matches = key.map((column) => `${temp}.${column} = DBT_INCREMENTAL_TARGET.${column}`).join(' and ');
  return `delete from ${target} as DBT_INCREMENTAL_TARGET\nusing ${temp}\nwhere (${matches})`;
}

interface Column {
  name: string;
  type: string;
}

/**
 * A table's columns in table order; `table` is a quoted, qualified name (a relation, or a temp table as
 * "temp"."main"."name"). DuckDB's table_info reads the one table, where information_schema.columns lists
 * every column of the catalog first (10-20 ms on each incremental model).
 */
async function columnsOf(session: Session, table: string) {
  const rows = await session.rows('select name, type from pragma_table_info(?) order by cid', [table]);
  return rows.map((row): Column => ({ name: String(row.name), type: String(row.type) }));
}

/** Refuses new rows (in `temp`) whose columns or types differ from the target's. */
async function assertSameColumns(
  session: Session,
  target: Column[],
  relation: Relation,
  temp: string,
): Promise<void> {
  const incoming = await columnsOf(session, temp);
  const shape = (columns: Column[]) => columns.map((c) => `${c.name.toLowerCase()} ${c.type}`).join(', ');
  if (shape(incoming) !== shape(target))
    throw new TransformError(
      'unsupported_feature',
      `on_schema_change 'fail': the model's columns (${shape(incoming)}) differ from ${relation} (${shape(target)}); run with --full`,
    );
}

/** A seed's SELECT: DuckDB reads the CSV, with the seed's `column_types` forced and the rest detected. */
export function seedSql(csvPath: string, config: NodeConfig): string {
  const types = isPlainObject(config.column_types) ? config.column_types : {};
  const typeList = Object.entries(types)
    .map(([column, type]) => `${quoteLiteral(column)}: ${quoteLiteral(String(type))}`)
    .join(', ');
  const options = ['header = true', 'auto_detect = true'];
  if (typeList) options.push(`types = {${typeList}}`);
  if (typeof config.delimiter === 'string') options.push(`delim = ${quoteLiteral(config.delimiter)}`);
  return `select * from read_csv(${quoteLiteral(csvPath)}, ${options.join(', ')})`;
}
