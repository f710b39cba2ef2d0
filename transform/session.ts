// The runner's own DuckDB connection: statements, transactions, and a deadline that interrupts a slow node.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { TransformError } from './errors.ts';

export type Row = Record<string, unknown>;

export class Session {
  constructor(
    readonly connection: DuckDBConnection,
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Runs one statement; returns the rows it changed (0 for DDL). */
  async run(sql: string, params?: DuckDBValue[]): Promise<number> {
    const result = await this.connection.run(sql, params);
    return result.rowsChanged;
  }

  /** Rows JSON-ready: decimals and bigints as exact strings, dates as `YYYY-MM-DD`. */
  async rows(sql: string, params?: DuckDBValue[]): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as Row[];
  }

  async count(sql: string, params?: DuckDBValue[]): Promise<number> {
    const [row] = await this.rows(`select count(*)::bigint as n from (${sql}\n) as counted`, params);
    return Number(row?.n ?? 0);
  }

  /** One transaction: all of `work` is visible to other connections at commit, or none of it. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.connection.run('begin transaction');
    try {
      const result = await work();
      await this.connection.run('commit');
      return result;
    } catch (error) {
      await this.rollbackQuietly();
      throw error;
    }
  }

  /**
   * Runs one node's work under the deadline: on timeout or abort the running statement is interrupted
   * (DuckDB rolls back its open transaction), and the error says which of the two happened.
   */
  async guard<T>(label: string, work: () => Promise<T>): Promise<T> {
    let reason: 'timeout' | 'cancelled' | null = null;
    const interrupt = (why: 'timeout' | 'cancelled') => {
      reason = why;
      this.connection.interrupt();
    };
    const timer = setTimeout(() => interrupt('timeout'), this.timeoutMs);
    const onAbort = () => interrupt('cancelled');
    this.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await work();
    } catch (error) {
      if (reason === 'timeout')
        throw new TransformError(
          'model_timeout',
          `${label} ran longer than ${this.timeoutMs} ms and was interrupted`,
        );
      if (reason === 'cancelled') throw new TransformError('cancelled', `${label} was cancelled`);
      throw error;
    } finally {
      clearTimeout(timer);
      this.signal?.removeEventListener('abort', onAbort);
    }
  }

  private async rollbackQuietly(): Promise<void> {
    try {
      await this.connection.run('rollback');
    } catch {
      // An interrupted statement has already ended the transaction; nothing is left to roll back.
    }
  }
}
