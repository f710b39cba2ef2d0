// The freshness stamp every mart-reading answer carries, read from the database only when something changed:
// a commit to the ledger or a transform run that ended. Between them, the last reading is the truth.
import type { Ledger } from '../ingest/index.ts';
import { subscribeToCommits } from './commits.ts';
import { type Freshness, readFreshness } from './freshness.ts';
import type { TransformService } from './transforms.ts';

export class FreshnessCache {
  private commits = 0;
  private cached: { key: string; reading: Promise<Freshness> } | null = null;
  private unsubscribe: (() => void) | null;

  constructor(
    private readonly ledger: Ledger,
    private readonly transforms: TransformService,
  ) {
    this.unsubscribe = subscribeToCommits(ledger.writer, () => {
      this.commits++;
    });
  }

  /**
   * The marts' freshness. A reading taken while a commit or a run ends is kept under the key it started
   * with, so the next call, seeing the new key, reads again: a stale answer is never kept.
   */
  read(): Promise<Freshness> {
    if (!this.unsubscribe) return readFreshness(this.ledger.db);
    const key = `${this.commits}:${this.transforms.runsEnded}`;
    if (this.cached?.key === key) return this.cached.reading;
    const reading = readFreshness(this.ledger.db);
    const entry = { key, reading };
    this.cached = entry;
    reading.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return reading;
  }

  /** Stops listening; later reads go to the database every time. */
  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.cached = null;
  }
}
