// How fresh the marts are: the facts watermark the last complete run read, against the ledger's own.
import type { Database } from '../ingest/db/database.ts';
import { factsWatermark, lastCompleteRun } from '../transform/index.ts';

export interface Freshness {
  /** When the newest run that rebuilt every model finished; null before the first one. */
  refreshed_at: string | null;
  /** The highest fact `seq` the marts reflect (that run's watermark). */
  last_fact_seq: string | null;
  /** The highest fact `seq` in the ledger (facts.* only; the audit log has its own numbers). */
  ledger_seq: string | null;
  /** Sequence numbers the marts are behind: 0 when fresh. Sequence numbers, not rows: one journal uses several. */
  lag_seq: number;
  is_fresh: boolean;
}

/** `commands: ['build']`: fresh only as of a run that also ran the data tests. */
export async function readFreshness(
  db: Database,
  commands: ReadonlyArray<'build' | 'run'> = ['build', 'run'],
): Promise<Freshness> {
  const [run, ledgerSeq] = await Promise.all([lastCompleteRun(db, commands), factsWatermark(db)]);
  const martsSeq = run ? ((run.last_fact_seq as string | null) ?? '0') : null;
  const lag = BigInt(ledgerSeq ?? '0') - BigInt(martsSeq ?? '0');
  return {
    refreshed_at: run ? isoTimestamp(run.finished_at) : null,
    last_fact_seq: martsSeq,
    ledger_seq: ledgerSeq,
    lag_seq: Number(lag > 0n ? lag : 0n),
    is_fresh: run !== null && lag <= 0n,
  };
}

/** True when the marts reflect every fact up to `seq`. */
export function covers(freshness: Freshness, seq: string | null): boolean {
  if (freshness.last_fact_seq === null) return false;
  return BigInt(freshness.last_fact_seq) >= BigInt(seq ?? '0');
}

/**
 * DuckDB's text for a TIMESTAMPTZ (`2025-06-30 10:00:00.5+00`, in the session's zone) as ISO 8601 in UTC
 * (`2025-06-30T10:00:00.500Z`), the form the rest of the API uses; null stays null.
 */
export function isoTimestamp(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value)
    .replace(' ', 'T')
    .replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}
