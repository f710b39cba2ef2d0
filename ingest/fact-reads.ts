// Facts that keyed commands read, loaded for a batch of commands at once. A command names what it will read
// (Command.reads: a source and an id); when the writer takes commands into a group it starts one load per
// source for all of their ids, and each command then reads its own value (ctx.read) instead of querying alone.
// Their keys make this safe: no two commands of a group share a key, and none shares one with the commit in
// flight, so what each reads is committed and no other command of the group changes it.
import type { Database } from './db/database.ts';

/** A kind of facts, loaded for many ids with one query. */
export interface FactSource<T> {
  /** Names the source in messages. */
  readonly name: string;
  /** The facts of each id; an id without facts is left out of the map. Each value is a new object. */
  load(db: Database, ids: readonly string[]): Promise<ReadonlyMap<string, T>>;
}

/** What one command will read: the facts of `id` from `source`. */
export interface FactRead {
  readonly source: FactSource<unknown>;
  readonly id: string;
}

export function factRead<T>(source: FactSource<T>, id: string): FactRead {
  return { source: source as FactSource<unknown>, id };
}

/** The loads started for one batch of commands, and which of their values were handed out. */
export class FactReads {
  private readonly loads = new Map<FactSource<unknown>, Promise<ReadonlyMap<string, unknown>>>();
  private readonly unread = new Map<FactSource<unknown>, Set<string>>();

  constructor(
    private readonly db: Database,
    reads: readonly FactRead[] = [],
  ) {
    for (const { source, id } of reads) {
      const ids = this.unread.get(source) ?? new Set<string>();
      ids.add(id);
      this.unread.set(source, ids);
    }
    for (const [source, ids] of this.unread) {
      const load = source.load(db, [...ids]);
      // A failed load is reported to each command that reads from it, not as an unhandled rejection.
      load.catch(() => {});
      this.loads.set(source, load);
    }
  }

  /**
   * The facts of `id` (undefined when there are none). A value is handed out once, since commands change
   * what they read while they check; a second read, or one the command did not announce, loads afresh.
   */
  async read<T>(source: FactSource<T>, id: string): Promise<T | undefined> {
    const key = source as FactSource<unknown>;
    const load = this.loads.get(key);
    if (!load || !this.unread.get(key)?.delete(id)) return (await source.load(this.db, [id])).get(id);
    return (await load).get(id) as T | undefined;
  }
}
