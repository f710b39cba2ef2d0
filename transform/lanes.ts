// The connections of one run: the run's own (the first model lane), one for its history, further model
// lanes, and the test lanes. DuckDB allows one query at a time per connection, so each lane has its own.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../ingest/db/database.ts';
import {
  FULL_BUILD_MODEL_LANES,
  MODEL_LANES,
  MODEL_LANES_MAX,
  MODEL_TIMEOUT_MS,
  TEST_LANES,
  TEST_LANES_MAX,
} from './limits.ts';
import { Session } from './session.ts';
import type { RunOptions } from './types.ts';

export interface Lanes {
  /** The run's connection: its records, and the first model lane. */
  main: Session;
  /** Where node results are written, beside the nodes. */
  history: Session;
  /** Model lanes beyond the first. */
  models: Session[];
  tests: Session[];
  close(): void;
}

/** Opens the lanes a run asks for, within MODEL_LANES_MAX and TEST_LANES_MAX. */
export async function openLanes(db: Database, options: RunOptions): Promise<Lanes> {
  const timeoutMs = options.modelTimeoutMs ?? MODEL_TIMEOUT_MS;
  const tests = Math.max(0, Math.min(options.testLanes ?? TEST_LANES, TEST_LANES_MAX));
  const defaultModels = options.full === true ? FULL_BUILD_MODEL_LANES : MODEL_LANES;
  const models = Math.max(1, Math.min(options.modelLanes ?? defaultModels, MODEL_LANES_MAX));
  const connections = await Promise.all(
    Array.from({ length: 1 + models + tests }, () => db.instance.connect()),
  );
  const [main, history, ...others] = connections as [DuckDBConnection, DuckDBConnection];
  const sessionOf = (connection: DuckDBConnection) => new Session(connection, timeoutMs, options.signal);
  return {
    main: sessionOf(main),
    // Results are recorded even after the run's signal fires, so the history's session does not watch it.
    history: new Session(history, timeoutMs, undefined),
    models: others.slice(0, models - 1).map(sessionOf),
    tests: others.slice(models - 1).map(sessionOf),
    close: () => {
      for (const connection of connections) connection.closeSync();
    },
  };
}
