// Hands the simulated journals to the ledger in batches, through the same command an API client's
// `POST /api/v1/journals/batch` uses, and insists that every journal is accepted.
import { BATCH_JOURNALS_MAX, type Ledger, LedgerError, postJournalBatchCommand } from '../../ingest/index.ts';
import type { JournalJson } from './books.ts';

/** Batches submitted but not yet committed at most: enough to overlap simulating and writing. */
const BATCHES_IN_FLIGHT_MAX = 2;
/** The user the demo's postings are recorded under. */
export const DEMO_USER = 'demo';

interface BatchBody {
  accepted: number;
  rejected: number;
  results: Array<{ index: number; status: string; code?: string; errors?: unknown[] }>;
}

export class BatchPoster {
  private pending: JournalJson[] = [];
  private readonly inFlight: Array<Promise<void>> = [];
  private batches = 0;
  /** Journals the ledger has accepted so far. */
  posted = 0;

  /** `keyPrefix` makes each batch's idempotency key deterministic: a rerun replays, it does not duplicate. */
  constructor(
    private readonly ledger: Ledger,
    private readonly keyPrefix: string,
  ) {}

  add(journal: JournalJson): void {
    this.pending.push(journal);
  }

  /** Submits every full batch (or, with `all`, everything left), waiting when too many are in flight. */
  async flush(all = false): Promise<void> {
    while (this.pending.length >= BATCH_JOURNALS_MAX || (all && this.pending.length > 0)) {
      const journals = this.pending.splice(0, BATCH_JOURNALS_MAX);
      const submitted = this.submit(journals);
      submitted.catch(() => {}); // observed below; this only keeps an early failure from going unhandled
      this.inFlight.push(submitted);
      if (this.inFlight.length >= BATCHES_IN_FLIGHT_MAX) await this.inFlight.shift();
    }
    if (all) while (this.inFlight.length > 0) await this.inFlight.shift();
  }

  private async submit(journals: JournalJson[]): Promise<void> {
    this.batches++;
    const idempotencyKey = `${this.keyPrefix}-batch-${String(this.batches).padStart(4, '0')}`;
    const outcome = await this.ledger.submit(
      postJournalBatchCommand({ user: DEMO_USER, idempotencyKey }, journals),
    );
    const body = outcome.body as BatchBody;
    const refused = body.results.find((result) => result.status !== 'accepted');
    if (refused) {
      const journal = journals[refused.index];
      throw new LedgerError(
        'internal',
        'demo_journal_rejected',
        `the ledger rejected demo journal "${journal?.memo}" of ${journal?.date} (${refused.code}): ${JSON.stringify(refused.errors)}`,
      );
    }
    this.posted += body.accepted;
  }
}
