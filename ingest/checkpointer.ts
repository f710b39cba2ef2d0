// When the writer folds the WAL into the database file: at a quiet moment, or at once when the WAL grows too big.
import { type Database, IDLE_CHECKPOINT_WAL_BYTES } from './db/database.ts';

/** No command for this long, and the writer folds the WAL into the database file. */
export const QUIET_CHECKPOINT_DELAY_MS = 250;
/** WAL bytes beyond which the writer checkpoints between two groups even under load. */
export const BUSY_CHECKPOINT_WAL_BYTES = 256 * 1024 * 1024;

/**
 * A checkpoint blocks every commit while it runs (≈ 0.4 s for 30 MB of WAL here), so it waits for a quiet
 * moment: no command for QUIET_CHECKPOINT_DELAY_MS. Only a WAL beyond BUSY_CHECKPOINT_WAL_BYTES is folded at
 * once, between two groups, so that it cannot grow without bound under steady load.
 */
export class Checkpointer {
  private lastSubmitAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    /** Called once the quiet delay has passed, for the writer to checkpoint if it is still idle. */
    private readonly onQuiet: () => void,
  ) {}

  /** A command arrived: the quiet delay starts again. */
  noteSubmit(): void {
    this.lastSubmitAt = performance.now();
  }

  /** No command has arrived for QUIET_CHECKPOINT_DELAY_MS, and the WAL is worth folding. */
  isQuiet(): boolean {
    return (
      performance.now() - this.lastSubmitAt >= QUIET_CHECKPOINT_DELAY_MS &&
      this.db.walBytes() >= IDLE_CHECKPOINT_WAL_BYTES
    );
  }

  /** After a drain: checkpoint now if the WAL is too big, else arm the quiet timer if it is worth folding. */
  async soon(): Promise<void> {
    const walBytes = this.db.walBytes();
    if (walBytes >= BUSY_CHECKPOINT_WAL_BYTES) return this.now();
    if (walBytes < IDLE_CHECKPOINT_WAL_BYTES || this.timer) return;
    const wait = (delayMs: number) => {
      this.timer = setTimeout(() => {
        const quietMs = performance.now() - this.lastSubmitAt;
        if (quietMs < QUIET_CHECKPOINT_DELAY_MS) return wait(QUIET_CHECKPOINT_DELAY_MS - quietMs);
        this.timer = undefined;
        this.onQuiet();
      }, delayMs);
      this.timer.unref();
    };
    wait(QUIET_CHECKPOINT_DELAY_MS);
  }

  async now(): Promise<void> {
    await this.db.writeConnection.run('checkpoint').catch((error: Error) => {
      console.error(`checkpoint skipped: ${error.message}`);
    });
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
