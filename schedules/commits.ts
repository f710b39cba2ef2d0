// Listening to the writer's commits without taking its one `onCommit` slot from anyone else.
import type { Writer } from '../ingest/writer.ts';

export type CommitListener = (seq: bigint) => void;

const listenersOf = new WeakMap<Writer, Set<CommitListener>>();

/**
 * Adds `listener` to the writer's commit callback and returns the function that removes it. The callback that
 * was there first keeps being called, before the listeners; a listener that throws cannot stop the others,
 * nor the writer (it calls onCommit between committing and answering).
 */
export function subscribeToCommits(writer: Writer, listener: CommitListener): () => void {
  let listeners = listenersOf.get(writer);
  if (!listeners) {
    const own = new Set<CommitListener>();
    const previous = writer.onCommit;
    writer.onCommit = (seq) => {
      notify(previous, seq);
      for (const each of own) notify(each, seq);
    };
    listenersOf.set(writer, own);
    listeners = own;
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function notify(listener: CommitListener, seq: bigint): void {
  try {
    listener(seq);
  } catch (error) {
    console.error('[ledgerline schedules] a commit listener failed:', error);
  }
}
