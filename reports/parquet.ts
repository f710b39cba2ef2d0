// Facts and marts as Parquet for data teams: one file per mart, and the facts Hive-partitioned by posting
// period (`period=2025-03/…`) so that a query engine reads only the months it asks for. DuckDB writes them
// (COPY … TO … FORMAT parquet); DECIMAL(18,2) money stays exact decimal in the files.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

export const PARQUET_SCHEMAS = ['facts', 'marts'] as const;
export type ParquetSchema = (typeof PARQUET_SCHEMAS)[number];

export interface ParquetTable {
  table: string;
  rows: number;
  partitioned: boolean;
}

/** A path as a SQL string literal; COPY takes no bound parameter for its target. */
function literal(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}

/** Writes every base table of `schema` under `dir` and returns what it wrote. */
export async function exportParquet(
  connection: DuckDBConnection,
  schema: ParquetSchema,
  dir: string,
): Promise<ParquetTable[]> {
  const listed = await connection.runAndReadAll(
    `select table_name,
        exists (select 1 from information_schema.columns as c
                where c.table_schema = t.table_schema and c.table_name = t.table_name
                    and c.column_name = 'posting_date') as dated
     from information_schema.tables as t
     where table_schema = $schema and table_type = 'BASE TABLE'
     order by table_name`,
    { schema },
  );
  mkdirSync(dir, { recursive: true });
  const written: ParquetTable[] = [];
  for (const { table_name, dated } of listed.getRowObjectsJson() as Array<{
    table_name: string;
    dated: boolean;
  }>) {
    const source = `${schema}."${table_name.replaceAll('"', '""')}"`;
    const partitioned = schema === 'facts' && dated;
    const sql = partitioned
      ? `copy (select *, strftime(posting_date, '%Y-%m') as period from ${source})
         to ${literal(join(dir, table_name))} (format parquet, partition_by (period))`
      : `copy ${source} to ${literal(join(dir, `${table_name}.parquet`))} (format parquet)`;
    const counted = await connection.runAndReadAll(`select count(*)::bigint as n from ${source}`);
    await connection.run(sql);
    written.push({ table: table_name, rows: Number(counted.getRowObjectsJson()[0]?.n ?? 0), partitioned });
  }
  return written;
}
