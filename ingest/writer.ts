// The single serialized writer: commands queue here, are checked one by one against the in-memory state,
// and are committed in groups (one DuckDB transaction per group, each document whole or not at all).
import { Checkpointer } from './checkpointer.ts';
import type { Command, CommitListener, Outcome } from './command.ts';
import { isRepeat, planCommand } from './command-plan.ts';
import type { Database } from './db/database.ts';
import { RowBuffer } from './db/row-buffer.ts';
import { LedgerError } from './errors.ts';
import { FactReads } from './fact-reads.ts';
import { pruneIdempotency } from './idempotency.ts';
import { Changes, type LedgerState } from './state.ts';

export { BUSY_CHECKPOINT_WAL_BYTES, QUIET_CHECKPOINT_DELAY_MS } from './checkpointer.ts';
export type { Command, CommandResult, CommitListener, Outcome } from './command.ts';
export type { CommandContext } from './command-context.ts';

/** Commands committed together at most; more wait for the next transaction. */
export const GROUP_COMMANDS_MAX = 256;
/** Documents committed together at most (a batch of journals counts each); a larger command commits alone. */
export const GROUP_DOCUMENTS_MAX = 1_000;
/** Commands waiting in the queue at most; beyond it the writer answers `writer_overloaded`. */
export const QUEUE_COMMANDS_MAX = 10_000;
/**
 * After a group is answered, how long the next group may wait for those callers' next commands (group
 * commit): they come back within a round trip, and one commit for all costs less than one per straggler.
 */
export const GROUP_GATHER_MS = 2;

const NO_KEYS: ReadonlySet<string> = new Set();

function keysOf(pendings: readonly Pending[]): Set<string> {
  const keys = new Set<string>();
  for (const pending of pendings) for (const key of pending.command.keys ?? []) keys.add(key);
  return keys;
}
/** Planning time between two turns of the event loop while a commit is in flight. */
export const PLAN_SLICE_MS = 2;

interface Pending {
  command: Command;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
  solo: boolean;
}

/** A group checked against the state, with the rows it will write and the answers it will give. */
interface PlannedGroup {
  pendings: Pending[];
  changes: Changes;
  rows: RowBuffer;
  done: Array<[Pending, Outcome]>;
  refused: Array<[Pending, unknown]>;
  /** The last sequence number the group gives out, announced when it commits. */
  lastSeq: bigint;
}

interface Committing {
  group: PlannedGroup;
  write: Promise<Error | null>;
}

export class Writer {
  private readonly queue: Pending[] = [];
  private running = false;
  private stopped = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  /** A group's commit is in flight, and planning must let it proceed (see yieldToCommit). */
  private inFlight = false;
  private lastYieldAt = 0;
  /** Wakes the planning that waits, while a commit is in flight, for more commands to join the next group. */
  private wakeOnSubmit: (() => void) | null = null;
  /** The keys of the commands whose commit is in flight (see Command.keys). */
  private inFlightKeys: ReadonlySet<string> = NO_KEYS;
  /** How many commands the last group answered, and when: the next group waits for as many (GROUP_GATHER_MS). */
  private lastAnswered = 0;
  private lastAnsweredAt = Number.NEGATIVE_INFINITY;
  private readonly checkpointer: Checkpointer;
  /** The last seq committed: facts up to it are readable, so a replay's first answer is. */
  private committedSeq: bigint;
  /** Transactions committed and commands accepted since start, for /metrics. */
  groupsCommitted = 0;
  commandsAccepted = 0;
  private readonly listeners = new Set<CommitListener>();

  constructor(
    private readonly db: Database,
    private readonly state: LedgerState,
  ) {
    this.committedSeq = state.seq;
    this.checkpointer = new Checkpointer(db, () => {
      if (!this.running && !this.stopped && this.queue.length === 0) this.pump();
    });
  }

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

  /** Commands waiting to be planned: what QUEUE_COMMANDS_MAX bounds. */
  get queued(): number {
    return this.queue.length;
  }

  submit(command: Command): Promise<Outcome> {
    if (this.stopped)
      return Promise.reject(new LedgerError('unavailable', 'writer_stopped', 'the writer is shut down'));
    if (this.queue.length >= QUEUE_COMMANDS_MAX) {
      return Promise.reject(
        new LedgerError('unavailable', 'writer_overloaded', 'too many commands are waiting'),
      );
    }
    this.checkpointer.noteSubmit();
    return new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ command, resolve, reject, solo: false });
      this.wakeOnSubmit?.();
      this.pump();
    });
  }

  /** Stops taking commands and waits for the queued ones to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.checkpointer.stop();
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

  /**
   * Plans group after group, and overlaps each group's commit with the planning of the next: the next group
   * is checked against a state that already holds the committing group's changes, so if that commit fails,
   * the next group's changes are undone too and both go back to the queue, in order. A group's answers are
   * given only once every earlier group has committed.
   */
  private async drain(): Promise<void> {
    let committing: Committing | null = null;
    try {
      while (this.queue.length > 0 || committing) {
        let next = committing ? await this.planUntil(committing.write, null, true) : null;
        if (committing) {
          const failure = await committing.write;
          this.inFlight = false;
          this.inFlightKeys = NO_KEYS;
          if (failure) {
            if (next) this.requeue(next);
            this.fail(committing.group, failure);
            committing = null;
            continue;
          }
          this.finish(committing.group, true);
          committing = null;
        }
        next = await this.gather(next);
        if (next) committing = this.startWrite(next);
      }
      if (this.queue.length === 0 && this.checkpointer.isQuiet()) await this.checkpointer.now();
      else await this.checkpointer.soon();
    } finally {
      this.running = false;
      this.markIdle();
      if (this.queue.length > 0) this.pump();
    }
  }

  /**
   * Plans the next group (into `group`, or a new one) from the queued commands and keeps adding those that
   * arrive until `until` settles, the group is full or holds `target` commands. While a commit is in flight
   * (`committing`), a command that comes during it is so answered with the very next commit, instead of
   * waiting for the one after it; commands that need every earlier one committed wait for the next round.
   */
  private async planUntil(
    until: Promise<unknown>,
    group: PlannedGroup | null,
    committing: boolean,
    target = Number.POSITIVE_INFINITY,
  ): Promise<PlannedGroup | null> {
    let settled = false;
    void until.then(() => {
      settled = true;
    });
    let next = group;
    while (!settled && (next?.pendings.length ?? 0) < target) {
      if (this.queue.length > 0) {
        if (committing && this.needsCommitted(this.queue[0])) break;
        const planned = await this.planNext(next);
        if (planned === next) break;
        next = planned;
        continue;
      }
      await Promise.race([until, new Promise<void>((wake) => (this.wakeOnSubmit = wake))]);
      this.wakeOnSubmit = null;
    }
    return next;
  }

  /**
   * Before a commit starts with nothing in flight: the callers of the group just answered send their next
   * commands within a round trip, so the group waits up to GROUP_GATHER_MS after those answers for as many
   * commands as that group had. An idle writer (no recent answers) starts at once.
   */
  private async gather(next: PlannedGroup | null): Promise<PlannedGroup | null> {
    const waitMs = this.lastAnsweredAt + GROUP_GATHER_MS - performance.now();
    if (waitMs <= 0 || (next?.pendings.length ?? 0) >= this.lastAnswered) {
      return next ?? (this.queue.length > 0 ? this.planNext(null) : null);
    }
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    try {
      return await this.planUntil(elapsed, next, false, this.lastAnswered);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Plans the queue's next commands into `group` (a new group when null), as far as the limits allow;
   * returns `group` unchanged when none may join it. */
  private async planNext(group: PlannedGroup | null): Promise<PlannedGroup | null> {
    const pendings = this.takeGroup(group?.pendings ?? []);
    if (pendings.length === 0) return group;
    const planned = group ?? emptyGroup();
    await this.planInto(planned, pendings);
    return planned;
  }

  /** Solo retries and exclusive commands (which read facts) are planned only once nothing is committing. */
  private needsCommitted(pending: Pending | undefined): boolean {
    return pending !== undefined && (pending.solo || pending.command.exclusive === true);
  }

  /** Starts writing a planned group; one without rows (replays, refusals) is answered right away. */
  private startWrite(group: PlannedGroup): Committing | null {
    if (group.rows.count() === 0) {
      this.finish(group, false);
      return null;
    }
    this.inFlight = true;
    this.inFlightKeys = keysOf(group.pendings);
    this.lastYieldAt = performance.now();
    return { group, write: this.write(group.rows) };
  }

  private finish(group: PlannedGroup, wrote: boolean): void {
    if (wrote) {
      this.groupsCommitted++;
      this.committedSeq = group.lastSeq;
      pruneIdempotency(this.state.idempotency, Date.now());
      this.notifyCommit(group.lastSeq);
    }
    this.commandsAccepted += group.done.filter(([, outcome]) => !outcome.replayed).length;
    this.lastAnswered = group.pendings.length;
    this.lastAnsweredAt = performance.now();
    group.changes.clear();
    for (const [pending, error] of group.refused) pending.reject(error);
    for (const [pending, outcome] of group.done) pending.resolve(outcome);
  }

  /** The group planned behind a failed commit: its changes undone, its commands queued again as they were. */
  private requeue(group: PlannedGroup): void {
    group.changes.rollbackTo(0);
    this.queue.unshift(...group.pendings);
  }

  private fail(group: PlannedGroup, failure: Error): void {
    group.changes.rollbackTo(0);
    for (const [pending, error] of group.refused) pending.reject(error);
    this.retryOrFail(
      group.done.map(([pending]) => pending),
      failure,
    );
  }

  /**
   * The queued commands that may join a group already holding `taken`: up to GROUP_COMMANDS_MAX commands
   * carrying up to GROUP_DOCUMENTS_MAX documents, so that large batches commit one by one and the next one is
   * planned while the previous commits. Solo retries and exclusive commands go alone.
   */
  private takeGroup(taken: readonly Pending[]): Pending[] {
    const first = this.queue[0];
    if (!first) return [];
    const alone = (pending: Pending) => pending.solo || pending.command.exclusive === true;
    if (taken.length === 0 && alone(first)) return this.queue.splice(0, 1);
    if (taken.some(alone)) return [];
    // A keyed command reads facts of its keys: none of the commands before it that share a key may be
    // uncommitted, neither in the commit in flight nor in this group.
    const keys = new Set<string>([...this.inFlightKeys, ...keysOf(taken)]);
    const waitsForCommit = (pending: Pending) => (pending.command.keys ?? []).some((key) => keys.has(key));
    let documents = 0;
    for (const pending of taken) documents += pending.command.documents ?? 1;
    let count = 0;
    while (count < this.queue.length && taken.length + count < GROUP_COMMANDS_MAX) {
      const next = this.queue[count] as Pending;
      documents += next.command.documents ?? 1;
      // The first command of a group always joins, however many documents it carries (it commits alone).
      if (alone(next) || (documents > GROUP_DOCUMENTS_MAX && taken.length + count > 0)) break;
      if (waitsForCommit(next)) break;
      for (const key of next.command.keys ?? []) keys.add(key);
      count++;
    }
    return this.queue.splice(0, count);
  }

  /** Checks each command against the state and adds it to `group`; refusals are answered once it is final. */
  private async planInto(group: PlannedGroup, pendings: Pending[]): Promise<void> {
    group.pendings.push(...pendings);
    // The batch's facts load together; keys keep its commands off each other's facts (fact-reads.ts). A
    // repeat of a remembered key answers from the audit log and reads nothing.
    const reading = pendings.filter(({ command }) => !isRepeat(this.state, command));
    const reads = new FactReads(
      this.db,
      reading.flatMap((pending) => pending.command.reads ?? []),
    );
    const env = { state: this.state, db: this.db, reads, pace: () => this.yieldToCommit() };
    for (const pending of pendings) {
      await this.yieldToCommit();
      const mark = group.changes.mark;
      const rowMark = group.rows.mark();
      try {
        const planned = planCommand(pending.command, group.changes, group.rows, {
          ...env,
          committedSeq: this.committedSeq,
        });
        group.done.push([pending, await planned]);
      } catch (error) {
        group.changes.rollbackTo(mark);
        group.rows.truncate(rowMark);
        group.refused.push([pending, error]);
      }
    }
    group.lastSeq = this.state.seq;
  }

  /**
   * While a commit is in flight, planning gives the event loop a turn every PLAN_SLICE_MS, so the commit's
   * next statement is sent (each statement is one native call that needs the JavaScript thread to start).
   */
  private async yieldToCommit(): Promise<void> {
    if (!this.inFlight || performance.now() - this.lastYieldAt < PLAN_SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.lastYieldAt = performance.now();
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
    try {
      await rows.commitTo(this.db.writeConnection);
      return null;
    } catch (error) {
      return error as Error;
    }
  }
}

function emptyGroup(): PlannedGroup {
  return { pendings: [], changes: new Changes(), rows: new RowBuffer(), done: [], refused: [], lastSeq: 0n };
}
