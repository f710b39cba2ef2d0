// Rows waiting for their transaction, kept per table as one array per column, and the commit that writes
// them: one prepared insert per table whose columns each travel as one joined text (column-text.ts).
import { type DuckDBConnection, type DuckDBPreparedStatement, LIST, VARCHAR } from '@duckdb/node-api';
import { type CellValue, castExpression, cellText, joinColumn } from './column-text.ts';
import { TABLES, type TableName, type TableSpec } from './tables.ts';

export type Row = Record<string, CellValue>;
/** Rows per table at some moment. */
export type RowMark = ReadonlyMap<TableName, number>;

const TEXT_LIST = LIST(VARCHAR);

export class RowBuffer {
  private readonly tables = new Map<TableName, CellValue[][]>();

  /** Adds one row; columns the row leaves out are NULL. */
  push(table: TableName, row: Row): void {
    const columns = this.columnsOf(table);
    const names = TABLES[table].columns;
    for (let index = 0; index < names.length; index++) {
      (columns[index] as CellValue[]).push(row[(names[index] as TableSpec['columns'][number])[0]] ?? null);
    }
  }

  /** Where the buffer stands now, to drop what is pushed after it (see `truncate`). */
  mark(): RowMark {
    const counts = new Map<TableName, number>();
    for (const [table, columns] of this.tables) counts.set(table, columns[0]?.length ?? 0);
    return counts;
  }

  /** Drops every row pushed since `mark`: a refused command or batch item leaves nothing behind. */
  truncate(mark: RowMark): void {
    for (const [table, columns] of this.tables) {
      const count = mark.get(table) ?? 0;
      for (const column of columns) column.length = count;
    }
  }

  count(table?: TableName): number {
    if (table) return this.tables.get(table)?.[0]?.length ?? 0;
    let total = 0;
    for (const columns of this.tables.values()) total += columns[0]?.length ?? 0;
    return total;
  }

  /**
   * Commits every buffered row in one transaction, one statement per table: each column joined into one text
   * parameter when its values allow it, otherwise (rarely) bound as a list of texts. On failure the
   * transaction is rolled back and the error rethrown, so nothing of the group remains.
   */
  async commitTo(connection: DuckDBConnection): Promise<void> {
    if (this.count() === 0) return;
    await connection.run('begin transaction');
    try {
      for (const [table, columns] of this.tables) {
        if ((columns[0]?.length ?? 0) > 0) await insertColumns(connection, table, columns);
      }
      await connection.run('commit');
    } catch (error) {
      await connection.run('rollback').catch(() => {});
      throw error;
    }
  }

  private columnsOf(table: TableName): CellValue[][] {
    let columns = this.tables.get(table);
    if (!columns) {
      columns = TABLES[table].columns.map(() => []);
      this.tables.set(table, columns);
    }
    return columns;
  }
}

/** Prepared inserts per connection and table, reused by every group (preparing costs more than running). */
const statements = new WeakMap<DuckDBConnection, Map<string, Promise<DuckDBPreparedStatement>>>();

/** One insert for one table's rows, each column bound as one joined text. (Sending a column whose rows all hold
 * one value as that value once was measured slower: DuckDB plans the mixed shape worse.) */
async function insertColumns(
  connection: DuckDBConnection,
  table: TableName,
  columns: CellValue[][],
): Promise<void> {
  const joined: string[] = [];
  for (const column of columns) {
    const text = joinColumn(column);
    if (text === undefined) return insertLists(connection, table, columns);
    joined.push(text);
  }
  const statement = await prepared(connection, `${table}:joined`, () => {
    const sources = TABLES[table].columns.map(
      (_, index) => `unnest(string_split($${index + 1}, chr(31))) as c${index}`,
    );
    return insertSql(TABLES[table], sources.join(', '), true);
  });
  joined.forEach((text, index) => {
    statement.bindVarchar(index + 1, text);
  });
  await statement.run();
}

/** The slow, general path: the table's columns bound as lists of texts, where any character may occur. */
async function insertLists(
  connection: DuckDBConnection,
  table: TableName,
  columns: CellValue[][],
): Promise<void> {
  const statement = await prepared(connection, `${table}:lists`, () => {
    const sources = TABLES[table].columns.map((_, index) => `unnest($${index + 1}) as c${index}`);
    return insertSql(TABLES[table], sources.join(', '), false);
  });
  columns.forEach((column, index) => {
    statement.bindList(index + 1, column.map(cellText), TEXT_LIST);
  });
  await statement.run();
}

function prepared(
  connection: DuckDBConnection,
  key: string,
  sql: () => string,
): Promise<DuckDBPreparedStatement> {
  let byKey = statements.get(connection);
  if (!byKey) {
    byKey = new Map();
    statements.set(connection, byKey);
  }
  let statement = byKey.get(key);
  if (!statement) {
    statement = connection.prepare(sql());
    byKey.set(key, statement);
    // A statement that failed to prepare is not kept: the next group tries again.
    statement.catch(() => byKey.delete(key));
  }
  return statement;
}

function insertSql(spec: TableSpec, sources: string, marked: boolean): string {
  const names = spec.columns.map(([name]) => name);
  const casts = spec.columns.map(([, type], index) => castExpression(`c${index}`, type, marked));
  return `insert into ${spec.schema}.${spec.table} (${names.join(', ')}) select ${casts.join(', ')} from (select ${sources})`;
}
