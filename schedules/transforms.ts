// The one door to the transform runner in a serving process: the project loaded once, every run stoppable at shutdown.
import { fileURLToPath } from 'node:url';
import type { Database } from '../ingest/db/database.ts';
import { LedgerError } from '../ingest/index.ts';
import {
  loadProject,
  type Project,
  type RunOptions,
  type RunResult,
  runTransform,
} from '../transform/index.ts';

/** The dbt project Ledgerline ships: `dbt_project.yml` at the package root. */
export const PROJECT_DIR = fileURLToPath(new URL('..', import.meta.url));

export class TransformService {
  private project: Promise<Project> | null = null;
  private readonly inFlight = new Set<Promise<RunResult>>();
  private readonly stopping = new AbortController();
  private ended = 0;

  constructor(
    readonly db: Database,
    readonly projectDir: string = PROJECT_DIR,
  ) {}

  /** The project, read from disk once per process; a load that failed is retried on the next call. */
  loadProject(): Promise<Project> {
    if (!this.project) {
      const loading = loadProject(this.projectDir);
      this.project = loading;
      loading.catch(() => {
        if (this.project === loading) this.project = null;
      });
    }
    return this.project;
  }

  /** Runs the transform; the runner serialises runs (`whenBusy`), stop() aborts this one too. */
  async run(options: RunOptions = {}): Promise<RunResult> {
    if (this.stopping.signal.aborted)
      throw new LedgerError('unavailable', 'shutting_down', 'the service is shutting down');
    const project = await this.loadProject();
    const signal = options.signal
      ? AbortSignal.any([options.signal, this.stopping.signal])
      : this.stopping.signal;
    const run = runTransform(this.db, project, { ...options, signal });
    this.inFlight.add(run);
    const forget = () => {
      this.inFlight.delete(run);
      this.ended++;
    };
    run.then(forget, forget);
    return run;
  }

  /** How many runs started here have ended (succeeded, failed or aborted): what they recorded is in `meta`. */
  get runsEnded(): number {
    return this.ended;
  }

  /** Aborts every run started here (the runner interrupts the running statement) and waits for them to end. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight]);
  }
}
