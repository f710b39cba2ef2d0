// The runner's own DuckDB connection: statements, transactions, and a deadline that interrupts a slow node.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { TransformError } from './errors.ts';

export type Row = Record<string, unknown>;

/**
 * DuckDB settings for the length of a run, then restored (they are the instance's, shared with readers).
 * Without insertion order DuckDB writes a table from all threads at once; a model that needs an order says
 * ORDER BY, which DuckDB keeps regardless.
 */
export const BUILD_SETTINGS: Readonly<Record<string, string>> = {
  preserve_insertion_order: 'false',
};

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

  /** Sets each setting; the returned function puts the previous values back. */
  async applySettings(settings: Readonly<Record<string, string>>): Promise<() => Promise<void>> {
    const previous: Array<[string, string]> = [];
    for (const [name, value] of Object.entries(settings)) {
      const [row] = await this.rows('select current_setting(?)::varchar as value', [name]);
      previous.push([name, String(row?.value ?? '')]);
      await this.run(`set ${name} = ${quoteSetting(value)}`);
    }
    return async () => {
      for (const [name, value] of previous) await this.run(`set ${name} = ${quoteSetting(value)}`);
    };
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
   * (DuckDB rolls back its open transaction), and the error says which of the two happened. A signal that
   * fired before the work starts (while the node read what it builds on) cancels it then: its abort event
   * is over, so no listener would ever hear it, and the work would run to its deadline.
   */
  async guard<T>(label: string, work: () => Promise<T>): Promise<T> {
    if (this.signal?.aborted) throw new TransformError('cancelled', `${label} was cancelled`);
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

function quoteSetting(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
