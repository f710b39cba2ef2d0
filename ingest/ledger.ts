// The write path's face: an opened database, its in-memory state and the one writer.
import { existsSync } from 'node:fs';
import { Database } from './db/database.ts';
import { LedgerError } from './errors.ts';
import { LedgerState } from './state.ts';
import { type Command, type Outcome, Writer } from './writer.ts';

export class Ledger {
  private constructor(
    readonly db: Database,
    readonly state: LedgerState,
    readonly writer: Writer,
  ) {}

  /** Opens an initialized database; the calling process then owns the file. */
  static async open(path: string): Promise<Ledger> {
    if (path !== ':memory:' && !existsSync(path)) {
      throw new LedgerError(
        'not_found',
        'database_not_found',
        `${path} does not exist; run \`ledgerline init\` first`,
      );
    }
    const db = await Database.open(path);
    const [initialized] = await db.query("select value from meta.settings where key = 'company_name'");
    if (!initialized) {
      await db.close();
      throw new LedgerError(
        'unavailable',
        'not_initialized',
        `${path} is not a Ledgerline database; run \`ledgerline init\``,
      );
    }
    const state = await LedgerState.load(db);
    return new Ledger(db, state, new Writer(db, state));
  }

  submit(command: Command): Promise<Outcome> {
    return this.writer.submit(command);
  }

  /** Finishes queued commands, saves the stock positions when due, then closes the file (a checkpoint folds
   * the WAL into it). */
  async close(): Promise<void> {
    await this.writer.stop();
    if (!this.db.isClosed) await this.state.stock.saveSnapshotIfDue(this.db);
    await this.db.writeConnection.run('checkpoint').catch(() => {});
    await this.db.close();
  }
}
