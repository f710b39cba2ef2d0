// Keeps the marts within FRESHNESS_TARGET_MS of the ledger: commits start a debounced incremental run, and
// ensureFresh() (the `fresh=true` query parameter) runs one at once when the marts are behind.
import { type Ledger, LedgerError } from '../ingest/index.ts';
import { MODEL_TIMEOUT_MS, type RunCommand, type RunResult } from '../transform/index.ts';
import { subscribeToCommits } from './commits.ts';
import { covers, type Freshness, readFreshness } from './freshness.ts';
import { FRESH_WAIT_MS_MAX, REFRESH_DEBOUNCE_MS, REFRESH_MAX_WAIT_MS, REFRESH_TIMEOUT_MS } from './limits.ts';
import type { TransformService } from './transforms.ts';

export interface RefresherOptions {
  /** Quiet time after the last commit before a refresh starts. */
  debounceMs?: number;
  /** Longest a commit waits for its refresh to start while commits keep coming. */
  maxWaitMs?: number;
  /** A refresh running longer is aborted (recorded as a cancelled run). */
  timeoutMs?: number;
  /** `fresh=true` waits this long at most. */
  freshWaitMs?: number;
  /**
   * `run` (default): models only, about a third of `build`'s time and no test rows in history for every
   * posting; the scheduled jobs run the tests. `build` runs them on every refresh as well.
   */
  command?: Extract<RunCommand, 'run' | 'build'>;
  log?: (line: string) => void;
}

export interface RefresherState {
  is_listening: boolean;
  is_pending: boolean;
  is_running: boolean;
  debounce_ms: number;
  max_wait_ms: number;
  last_run_id: string | null;
  last_status: string | null;
  last_finished_at: string | null;
  last_error: string | null;
}

export class Refresher {
  private readonly options: Required<RefresherOptions>;
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | undefined;
  private firstPendingAt: number | null = null;
  private current: Promise<RunResult> | null = null;
  private queued: Promise<RunResult> | null = null;
  private last: { runId: string | null; status: string; finishedAt: string; error: string | null } | null =
    null;

  constructor(
    private readonly ledger: Ledger,
    private readonly transforms: TransformService,
    options: RefresherOptions = {},
  ) {
    this.options = {
      debounceMs: REFRESH_DEBOUNCE_MS,
      maxWaitMs: REFRESH_MAX_WAIT_MS,
      timeoutMs: REFRESH_TIMEOUT_MS,
      freshWaitMs: FRESH_WAIT_MS_MAX,
      command: 'run',
      log: (line) => console.error(`[ledgerline refresher] ${line}`),
      ...options,
    };
  }

  /** Starts listening to the writer's commits. */
  start(): void {
    this.unsubscribe ??= subscribeToCommits(this.ledger.writer, () => this.poke());
  }

  /** Stops listening and drops a pending refresh; a running one is left to TransformService.stop(). */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.allSettled([this.current, this.queued]);
  }

  /** A commit happened: refresh after `debounceMs` of quiet, but never later than `maxWaitMs` after the first. */
  poke(): void {
    const now = Date.now();
    this.firstPendingAt ??= now;
    const due = Math.min(now + this.options.debounceMs, this.firstPendingAt + this.options.maxWaitMs);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.refresh().catch(() => {
        // Already logged and remembered by runOnce.
      });
    }, due - now);
  }

  /**
   * Starts an incremental run now, or, while one runs, one right after it (shared by every caller meanwhile),
   * so the run that answers always started after the call.
   */
  refresh(): Promise<RunResult> {
    this.clearPending();
    if (!this.current) return this.begin();
    this.queued ??= this.current
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.queued = null;
        return this.begin();
      });
    return this.queued;
  }

  /**
   * Answers when the marts reflect every fact committed before the call: at once when they already do, else
   * after a refresh. 503 `refresh_timed_out` past `freshWaitMs`, 503 `refresh_failed` when the run could not
   * bring them up to date.
   */
  async ensureFresh(): Promise<Freshness> {
    const before = await readFreshness(this.ledger.db);
    if (before.is_fresh) return before;
    const deadline = Date.now() + this.options.freshWaitMs;
    if (this.current) {
      await this.within(settled(this.current), deadline);
      const after = await readFreshness(this.ledger.db);
      if (covers(after, before.ledger_seq)) return after;
    }
    try {
      await this.within(this.refresh(), deadline);
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'refresh_timed_out') throw error;
      throw refreshFailed(`the refresh failed: ${messageOf(error)}`);
    }
    const after = await readFreshness(this.ledger.db);
    if (covers(after, before.ledger_seq)) return after;
    throw refreshFailed(
      `the refresh ended ${this.last?.status ?? 'without result'}; the marts reflect facts up to seq ${after.last_fact_seq ?? 'none'}`,
    );
  }

  state(): RefresherState {
    return {
      is_listening: this.unsubscribe !== null,
      is_pending: this.timer !== undefined,
      is_running: this.current !== null,
      debounce_ms: this.options.debounceMs,
      max_wait_ms: this.options.maxWaitMs,
      last_run_id: this.last?.runId ?? null,
      last_status: this.last?.status ?? null,
      last_finished_at: this.last?.finishedAt ?? null,
      last_error: this.last?.error ?? null,
    };
  }

  private clearPending(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.firstPendingAt = null;
  }

  private begin(): Promise<RunResult> {
    const run = this.runOnce();
    this.current = run;
    const done = () => {
      if (this.current === run) this.current = null;
    };
    run.then(done, done);
    return run;
  }

  private async runOnce(): Promise<RunResult> {
    try {
      const result = await this.transforms.run({
        full: false,
        command: this.options.command,
        whenBusy: 'wait',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        modelTimeoutMs: Math.min(this.options.timeoutMs, MODEL_TIMEOUT_MS),
      });
      this.remember(result.runId, result.status, null);
      if (result.status !== 'success') this.options.log(`refresh ${result.runId} ended ${result.status}`);
      return result;
    } catch (error) {
      this.remember(null, 'error', messageOf(error));
      this.options.log(`refresh failed: ${messageOf(error)}`);
      throw error;
    }
  }

  private remember(runId: string | null, status: string, error: string | null): void {
    this.last = { runId, status, finishedAt: new Date().toISOString(), error };
  }

  /** Waits for `work` until `deadline` (epoch ms); `work` goes on in the background after a timeout. */
  private async within<T>(work: Promise<T>, deadline: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new LedgerError(
              'unavailable',
              'refresh_timed_out',
              `the marts did not catch up within ${this.options.freshWaitMs} ms; retry, or ask without fresh=true`,
            ),
          ),
        Math.max(0, deadline - Date.now()),
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function settled(work: Promise<unknown>): Promise<void> {
  return work.then(
    () => undefined,
    () => undefined,
  );
}

function refreshFailed(message: string): LedgerError {
  return new LedgerError('unavailable', 'refresh_failed', message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
