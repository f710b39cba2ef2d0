// The one DuckDB file: opening it, applying numbered migrations, and a small pool of read connections.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

/** Default database file, relative to the working directory. */
export const DEFAULT_DB_PATH = './data/ledgerline.duckdb';
/** Read connections kept open at most; more concurrent reads wait for one. */
export const READERS_MAX = 4;
/** DuckDB's memory ceiling, so a heavy report cannot take the machine. */
export const MEMORY_LIMIT = '4GB';
/** WAL size at which DuckDB checkpoints inside a commit; set high so the writer checkpoints when idle instead. */
export const CHECKPOINT_THRESHOLD = '512MB';
/** WAL bytes above which the writer checkpoints once no command has come for a while (off the request path). */
export const IDLE_CHECKPOINT_WAL_BYTES = 16 * 1024 * 1024;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export type Row = Record<string, unknown>;
export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

export function resolveDbPath(flag?: string): string {
  return flag ?? process.env.LEDGERLINE_DB ?? DEFAULT_DB_PATH;
}

export class Database {
  private readonly idleReaders: DuckDBConnection[] = [];
  private readonly waiting: Array<(connection: DuckDBConnection) => void> = [];
  private readerCount = 0;
  private closed = false;

  /** Closed already (a test may close the file under its ledger to simulate a crash). */
  get isClosed(): boolean {
    return this.closed;
  }

  private constructor(
    readonly path: string,
    readonly instance: DuckDBInstance,
    /** The only connection that writes; used by the writer queue alone. */
    readonly writeConnection: DuckDBConnection,
  ) {}

  static async open(path: string): Promise<Database> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path, {
      memory_limit: MEMORY_LIMIT,
      checkpoint_threshold: CHECKPOINT_THRESHOLD,
    });
    const writeConnection = await instance.connect();
    const database = new Database(path, instance, writeConnection);
    await database.migrate();
    return database;
  }

  /** Applies each `NNN_name.sql` not yet recorded in `meta.schema_migrations`, each in its own transaction. */
  private async migrate(): Promise<void> {
    const connection = this.writeConnection;
    await connection.run('create schema if not exists meta');
    await connection.run(
      'create table if not exists meta.schema_migrations (version integer primary key, name varchar not null, applied_at timestamptz not null)',
    );
    const done = await connection.runAndReadAll('select version from meta.schema_migrations');
    const applied = new Set(done.getRowObjectsJson().map((row) => Number(row.version)));
    for (const file of readdirSync(MIGRATIONS_DIR)
      .filter((name) => /^\d+_.*\.sql$/.test(name))
      .sort()) {
      const version = Number(file.split('_')[0]);
      if (applied.has(version)) continue;
      await connection.run('begin');
      try {
        await connection.run(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'));
        await connection.run('insert into meta.schema_migrations values (?, ?, current_timestamp)', [
          version,
          file,
        ]);
        await connection.run('commit');
      } catch (error) {
        await connection.run('rollback');
        throw new Error(`migration ${file} failed: ${(error as Error).message}`);
      }
    }
  }

  /** Runs `work` on a read connection from the pool; DuckDB allows one active query per connection. */
  async withReader<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    try {
      return await work(connection);
    } finally {
      this.release(connection);
    }
  }

  /** A read query whose rows come back JSON-ready: decimals as exact strings, dates as `YYYY-MM-DD`. */
  async query<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.withReader(async (connection) => {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJson() as T[];
    });
  }

  /** Bytes in the write-ahead log, i.e. committed work not yet folded into the database file. */
  walBytes(): number {
    if (this.path === ':memory:') return 0;
    try {
      return statSync(`${this.path}.wal`).size;
    } catch {
      return 0;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const connection of this.idleReaders) connection.closeSync();
    this.writeConnection.closeSync();
    this.instance.closeSync();
  }

  private async acquire(): Promise<DuckDBConnection> {
    if (this.closed) throw new Error('database is closed');
    const idle = this.idleReaders.pop();
    if (idle) return idle;
    if (this.readerCount < READERS_MAX) {
      this.readerCount++;
      return this.instance.connect();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(connection: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next) next(connection);
    else if (this.closed) connection.closeSync();
    else this.idleReaders.push(connection);
  }
}
