// Hands the simulated business documents (master data, purchasing and warehouse documents) to the ledger
// through the same commands the API calls, in the order the simulation queued them, and insists that every
// one is accepted. A document may depend on the answer to an earlier one (a receipt needs its order's
// number), so a command is built only when its turn comes, and what a document's answer queues runs next.
import { type Command, type Ledger, LedgerError } from '../../ingest/index.ts';

/** Who a document is recorded under; approvals need someone other than the buyer who raised the order. */
export interface DemoActor {
  user: string;
  role: string;
}

export const BUYER: DemoActor = { user: 'demo', role: 'purchasing' };
export const PURCHASING_LEAD: DemoActor = { user: 'demo.purchasing-lead', role: 'purchasing' };
export const CONTROLLER: DemoActor = { user: 'demo.controller', role: 'finance' };
export const STOREKEEPER: DemoActor = { user: 'demo.storekeeper', role: 'inventory' };

type Build = (actor: { user: string; idempotencyKey: string; role: string }) => Command;
type Answer = (body: Record<string, unknown>) => void;

interface Task {
  actor: DemoActor;
  build: Build;
  then?: Answer;
  /** `then` runs at the next `noteAnswers` (before the next day begins), in queue order. */
  isLate?: boolean;
  /** `then` may wait for the next `settle`: the day goes on without waiting for the commit. */
  isDeferred?: boolean;
}

export class DocumentPoster {
  private queue: Task[] = [];
  private submitted = 0;
  /** Answers not awaited yet: commands whose answer nothing depends on, checked at the end of the flush. */
  private readonly unanswered: Array<Promise<unknown>> = [];
  /** Answers whose `then` waits for the next `noteAnswers`, and those that wait for the next settle. */
  private readonly late: Array<[Promise<Record<string, unknown>>, Answer]> = [];
  private readonly deferred: Array<[Promise<Record<string, unknown>>, Answer]> = [];
  /** Documents the ledger has accepted so far. */
  posted = 0;

  /** `keyPrefix` makes each command's idempotency key deterministic: a rerun replays, it does not duplicate. */
  constructor(
    private readonly ledger: Ledger,
    private readonly keyPrefix: string,
  ) {}

  /** Queues a document; `then` sees its answer before any document queued after it is built. */
  post(actor: DemoActor, build: Build, then?: Answer): void {
    this.queue.push(then ? { actor, build, then } : { actor, build });
  }

  /**
   * Queues a document whose answer nothing else on the day waits for: `then` sees it at the next
   * `noteAnswers`, before the next day's business, and what it queues goes out with that day's documents.
   * No day waits for the commit, so the writer may commit the document together with the next day's.
   */
  postAndNote(actor: DemoActor, build: Build, then: Answer): void {
    this.queue.push({ actor, build, then, isLate: true });
  }

  /**
   * Queues a document whose answer matters only for the books' later entries (a production run's material
   * variance): `then` sees it at the next `settle`, in queue order, and no day waits for its commit.
   */
  postAndSettle(actor: DemoActor, build: Build, then: Answer): void {
    this.queue.push({ actor, build, then, isDeferred: true });
  }

  /**
   * Hands the answers noted so far to their `then`, in queue order (waiting for those not committed yet); the
   * documents they queue go out with the next flush.
   */
  async noteAnswers(): Promise<void> {
    for (const [answer, then] of this.late.splice(0)) then(await this.answerOf(answer));
  }

  /**
   * Waits for every document submitted so far (and those the answers queue) and hands the deferred answers
   * to their `then`, in order.
   */
  async settle(): Promise<void> {
    do {
      await this.flush();
      await this.noteAnswers();
    } while (this.queue.length > 0);
    const pending = this.unanswered.splice(0);
    const outcomes = await Promise.allSettled(pending);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    if (refused) throw refused.reason;
    for (const [answer, then] of this.deferred.splice(0)) then(await answer);
  }

  /**
   * Submits every queued document in order; what an answer queues runs before the rest of the queue. Waits
   * only for the answers a `then` needs: the writer takes commands in the order submitted, so the others
   * are committed in order whenever the writer gets to them (`settle` waits for them all).
   */
  async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const task = this.queue.shift() as Task;
      const answer = this.submit(task);
      if (!task.then || task.isLate || task.isDeferred) {
        // The writer takes commands in the order submitted, so nothing later can overtake this one.
        answer.catch(() => {});
        this.unanswered.push(answer);
        if (task.then) (task.isDeferred ? this.deferred : this.late).push([answer, task.then]);
        continue;
      }
      const later = this.queue;
      this.queue = [];
      task.then(await this.answerOf(answer));
      this.queue.push(...later);
    }
  }

  /** The answer; when it is a refusal, an earlier refusal (which may have caused it) is reported instead. */
  private async answerOf(answer: Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
    try {
      return await answer;
    } catch (error) {
      const earlier = await Promise.allSettled(this.unanswered);
      const first = earlier.find((outcome) => outcome.status === 'rejected');
      throw first ? first.reason : error;
    }
  }

  private async submit(task: Task): Promise<Record<string, unknown>> {
    this.submitted++;
    const idempotencyKey = `${this.keyPrefix}-doc-${String(this.submitted).padStart(6, '0')}`;
    const command = task.build({ user: task.actor.user, role: task.actor.role, idempotencyKey });
    try {
      const outcome = await this.ledger.submit(command);
      this.posted++;
      return outcome.body as Record<string, unknown>;
    } catch (error) {
      const detail = error instanceof LedgerError ? `${error.code}: ${JSON.stringify(error.errors)}` : error;
      throw new LedgerError(
        'internal',
        'demo_document_rejected',
        `the ledger rejected demo document ${command.name} ${JSON.stringify(command.request, jsonSafe)} (${String(detail)})`,
      );
    }
  }
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? String(value) : value;
}
