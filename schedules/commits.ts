// Listening to the writer's commits: a thin name over Writer.subscribe for the schedules.
import type { CommitListener, Writer } from '../ingest/writer.ts';

export type { CommitListener };

/** Adds `listener` to the writer's commit listeners and returns the function that removes it. */
export function subscribeToCommits(writer: Writer, listener: CommitListener): () => void {
  return writer.subscribe(listener);
}
