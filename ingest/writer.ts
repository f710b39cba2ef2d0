// The single serialized writer: commands queue here, are checked one by one against the in-memory state,
// and are committed in groups (one DuckDB transaction per group, each document whole or not at all).
import { createHash, randomUUID } from 'node:crypto';
import { toDuckTimestamp } from './dates.ts';
import { type Database, IDLE_CHECKPOINT_WAL_BYTES } from './db/database.ts';
import { RowBuffer } from './db/tables.ts';
import { conflict, invalid, LedgerError } from './errors.ts';
import { Changes, type LedgerState } from './state.ts';

/** Commands committed together at most; more wait for the next transaction. */
export const GROUP_COMMANDS_MAX = 256;
/** Commands waiting in the queue at most; beyond it the writer answers `writer_overloaded`. */
export const QUEUE_COMMANDS_MAX = 10_000;

export interface CommandResult {
  status: number;
  body: unknown;
  /** What the audit log keeps and a replay returns, when it must differ from `body` (e.g. secrets). */
  recordedBody?: unknown;
  documentType?: string;
  documentNumber?: string;
}

export type CommitListener = (seq: bigint) => void;

export interface Outcome extends CommandResult {
  /** True when an earlier command with the same idempotency key and body answered this one. */
  replayed: boolean;
}

export interface CommandContext {
  readonly state: LedgerState;
  readonly db: Database;
  readonly changes: Changes;
  readonly rows: RowBuffer;
  readonly user: string;
  readonly idempotencyKey: string;
  readonly now: Date;
  nextSeq(): bigint;
  /** Runs `work` so that, if it throws, its rows and state changes vanish and the error is returned. */
  attempt<T>(
    work: (ctx: CommandContext) => T | Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; error: unknown }>;
}

export interface Command {
  name: string;
  user: string;
  idempotencyKey?: string;
  /** Whatever identifies the request's content; hashed for idempotency. */
  request: unknown;
  /** Needs every earlier command committed first (it reads facts rather than the state). */
  exclusive?: boolean;
  run(ctx: CommandContext): CommandResult | Promise<CommandResult>;
}

interface Pending {
  command: Command;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
  solo: boolean;
}

/** The request's fingerprint for idempotency; refuses input too deeply nested to serialise. */
export function hashRequest(command: Command): string {
  let text: string;
  try {
    text = JSON.stringify(command.request, (_key, value) =>
      typeof value === 'bigint' ? `${value}n` : value,
    );
  } catch {
    throw invalid([{ path: '', code: 'request_too_deep', message: 'the request is nested too deeply' }]);
  }
  return createHash('sha256').update(`${command.name}\n${text}`).digest('hex');
}

/** Idempotency keys are scoped per user, so two users cannot collide or read each other's answers. */
export function idempotencyScope(user: string, key: string): string {
  return `${user}\n${key}`;
}

export class Writer {
  private readonly queue: Pending[] = [];
  private running = false;
  private stopped = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  /** Transactions committed and commands accepted since start, for /metrics. */
  groupsCommitted = 0;
  commandsAccepted = 0;
  private readonly listeners = new Set<CommitListener>();

  constructor(
    private readonly db: Database,
    private readonly state: LedgerState,
  ) {}

  /** Calls `listener` after each commit with the last sequence number written; returns the unsubscribe. */
  subscribe(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** A listener that throws is logged and skipped: it must not stop the others nor the writer's answers. */
  private notifyCommit(seq: bigint): void {
    for (const listener of this.listeners) {
      try {
        listener(seq);
      } catch (error) {
        console.error('a commit listener failed:', error);
      }
    }
  }

  submit(command: Command): Promise<Outcome> {
    if (this.stopped)
      return Promise.reject(new LedgerError('unavailable', 'writer_stopped', 'the writer is shut down'));
    if (this.queue.length >= QUEUE_COMMANDS_MAX) {
      return Promise.reject(
        new LedgerError('unavailable', 'writer_overloaded', 'too many commands are waiting'),
      );
    }
    return new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ command, resolve, reject, solo: false });
      this.pump();
    });
  }

  /** Stops taking commands and waits for the queued ones to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle;
  }

  private pump(): void {
    if (this.running) return;
    this.running = true;
    this.idle = new Promise((resolve) => {
      this.markIdle = resolve;
    });
    void this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commitGroup(this.takeGroup());
      await this.checkpointIfIdle();
    } finally {
      this.running = false;
      this.markIdle();
      if (this.queue.length > 0) this.pump();
    }
  }

  /** Folds a large WAL into the file while no command waits, so commits never pay for a checkpoint. */
  private async checkpointIfIdle(): Promise<void> {
    if (this.queue.length > 0 || this.db.walBytes() < IDLE_CHECKPOINT_WAL_BYTES) return;
    await this.db.writeConnection.run('checkpoint').catch((error: Error) => {
      console.error(`checkpoint skipped: ${error.message}`);
    });
  }

  private takeGroup(): Pending[] {
    const first = this.queue[0] as Pending;
    if (first.solo || first.command.exclusive) return this.queue.splice(0, 1);
    let count = 1;
    while (count < this.queue.length && count < GROUP_COMMANDS_MAX) {
      const next = this.queue[count] as Pending;
      if (next.solo || next.command.exclusive) break;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async commitGroup(group: Pending[]): Promise<void> {
    const changes = new Changes();
    const rows = new RowBuffer();
    const done: Array<[Pending, Outcome]> = [];
    for (const pending of group) {
      const mark = changes.mark;
      const own = new RowBuffer();
      try {
        const outcome = await this.plan(pending.command, changes, own);
        rows.absorb(own);
        done.push([pending, outcome]);
      } catch (error) {
        changes.rollbackTo(mark);
        pending.reject(error);
      }
    }
    if (rows.count() > 0) {
      const failure = await this.write(rows);
      if (failure) {
        changes.rollbackTo(0);
        this.retryOrFail(
          done.map(([pending]) => pending),
          failure,
        );
        return;
      }
      this.groupsCommitted++;
      this.notifyCommit(this.state.seq);
    }
    this.commandsAccepted += done.filter(([, outcome]) => !outcome.replayed).length;
    changes.clear();
    for (const [pending, outcome] of done) pending.resolve(outcome);
  }

  /** A group that failed as a whole is retried one command at a time, so only the culprit fails. */
  private retryOrFail(pendings: Pending[], failure: Error): void {
    if (pendings.length === 1 && pendings[0]?.solo) {
      pendings[0].reject(
        new LedgerError('internal', 'write_failed', `the database refused the write: ${failure.message}`),
      );
      return;
    }
    for (const pending of pendings) pending.solo = true;
    this.queue.unshift(...pendings);
  }

  private async write(rows: RowBuffer): Promise<Error | null> {
    const connection = this.db.writeConnection;
    try {
      await connection.run('begin transaction');
      await rows.writeTo(connection);
      await connection.run('commit');
      return null;
    } catch (error) {
      await connection.run('rollback').catch(() => {});
      return error as Error;
    }
  }

  private async plan(command: Command, changes: Changes, rows: RowBuffer): Promise<Outcome> {
    const key = command.idempotencyKey ?? randomUUID();
    const requestHash = hashRequest(command);
    const scope = idempotencyScope(command.user, key);
    const seen = this.state.idempotency.get(scope);
    if (seen) {
      if (seen.requestHash !== requestHash) {
        throw conflict(
          'idempotency_key_reused',
          'this Idempotency-Key was already used with a different request',
          'Idempotency-Key',
        );
      }
      return { status: seen.status, body: JSON.parse(seen.body), replayed: true };
    }
    const ctx = this.context(command, key, changes, rows);
    const result = await command.run(ctx);
    const body = JSON.stringify(result.recordedBody ?? result.body);
    changes.set(this.state.idempotency, scope, { requestHash, status: result.status, body });
    rows.push('auditLog', {
      seq: ctx.nextSeq(),
      command: command.name,
      user_name: command.user,
      idempotency_key: key,
      request_hash: requestHash,
      response_status: result.status,
      response_body: body,
      document_type: result.documentType ?? null,
      document_number: result.documentNumber ?? null,
      recorded_at: toDuckTimestamp(ctx.now),
    });
    const { recordedBody: _kept, ...answer } = result;
    return { ...answer, replayed: false };
  }

  private context(command: Command, key: string, changes: Changes, rows: RowBuffer): CommandContext {
    const state = this.state;
    const db = this.db;
    const now = new Date();
    const make = (buffer: RowBuffer): CommandContext => ({
      state,
      db,
      changes,
      rows: buffer,
      user: command.user,
      idempotencyKey: key,
      now,
      nextSeq() {
        const previous = state.seq;
        state.seq = previous + 1n;
        changes.remember(() => {
          state.seq = previous;
        });
        return state.seq;
      },
      async attempt(work) {
        const mark = changes.mark;
        const own = new RowBuffer();
        try {
          const value = await work(make(own));
          buffer.absorb(own);
          return { ok: true, value };
        } catch (error) {
          changes.rollbackTo(mark);
          return { ok: false, error };
        }
      },
    });
    return make(rows);
  }
}
