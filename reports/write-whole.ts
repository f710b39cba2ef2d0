// A file (or directory) written whole or not at all: the work writes a partial beside the target, which is
// renamed into place once done and removed on failure. Used by `ledgerline export` and scheduled exports.
import { renameSync, rmSync } from 'node:fs';

export async function writeWhole<T>(target: string, write: (partial: string) => Promise<T>): Promise<T> {
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  try {
    const result = await write(partial);
    // A file replaces the one there; a directory never replaces one (rename refuses a non-empty target).
    renameSync(partial, target);
    return result;
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}
