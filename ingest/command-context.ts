// The context a command runs in: the state it checks, the rows it appends, the sequence counter, and
// attempts whose rows and state changes vanish if they throw.
import type { Database } from './db/database.ts';
import type { RowBuffer } from './db/row-buffer.ts';
import type { FactReads, FactSource } from './fact-reads.ts';
import type { Changes, LedgerState } from './state.ts';

export interface CommandContext {
  readonly state: LedgerState;
  readonly db: Database;
  readonly changes: Changes;
  readonly rows: RowBuffer;
  readonly user: string;
  readonly idempotencyKey: string;
  readonly now: Date;
  /** `now` as the ISO text every fact row records in `recorded_at`. */
  readonly recordedAt: string;
  nextSeq(): bigint;
  /** The facts of `id` from `source`, loaded with the group's other reads when the command announced it. */
  read<T>(source: FactSource<T>, id: string): Promise<T | undefined>;
  /** Runs `work` so that, if it throws, its rows and state changes vanish and the error is returned. */
  attempt<T>(
    work: (ctx: CommandContext) => T | Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; error: unknown }>;
}

export interface ContextOptions {
  state: LedgerState;
  db: Database;
  changes: Changes;
  rows: RowBuffer;
  user: string;
  idempotencyKey: string;
  /** The facts loaded for the command's batch (Command.reads). */
  reads: FactReads;
  /** Called before each attempt, so a long command lets the writer's commit in flight proceed. */
  pace: () => Promise<void>;
}

export function commandContext(options: ContextOptions) {
  const { state, db, changes, rows, user, idempotencyKey, reads, pace } = options;
  const now = new Date();
  const recordedAt = now.toISOString();
  const make = (buffer: RowBuffer): CommandContext => {
    // One undo entry per context restores the counter to where this context found it; later numbers in the
    // same context need none (undo runs newest first), which spares an entry per fact row.
    let counted = false;
    return {
      state,
      db,
      changes,
      rows: buffer,
      user,
      idempotencyKey,
      now,
      recordedAt,
      nextSeq() {
        const previous = state.seq;
        state.seq = previous + 1n;
        if (!counted) {
          counted = true;
          changes.remember(() => {
            state.seq = previous;
          });
        }
        return state.seq;
      },
      read: (source, id) => reads.read(source, id),
      async attempt(work) {
        await pace();
        const mark = changes.mark;
        const rowMark = buffer.mark();
        try {
          return { ok: true, value: await work(make(buffer)) };
        } catch (error) {
          changes.rollbackTo(mark);
          buffer.truncate(rowMark);
          return { ok: false, error };
        }
      },
    };
  };
  return make(rows);
}
