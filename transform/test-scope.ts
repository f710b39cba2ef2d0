// Incremental test scope: in an incremental build, tests of append-only relations read only the rows added
// since the last build whose every test passed, as dbt would run them with a `where` config.
//
// Sound because the rows at or below that build's fact watermark were tested then and have not changed
// since: a relation opts in with `meta: {watermark_column: <col>}`, promising that a row whose column is at
// or below a seq is never changed or removed afterwards (the facts are append-only, corrections are
// reversals; incremental marts only add rows above their watermark or, for touched keys, raise the column).
// A full build (`--full`, the nightly job) tests whole tables again, and so does any run after a full-refresh
// that did not test (its rebuilt rows were never tested).
import type { Session } from './session.ts';

/** The meta key by which a model, seed or source table names its watermark column. */
export const WATERMARK_META_KEY = 'watermark_column';
/** The var singular tests read to scope themselves (dbt renders them whole: its default is ''). */
export const TESTS_SINCE_SEQ_VAR = 'tests_since_seq';

/** Rows with `column` above `since` are the new ones. */
export interface NewRows {
  column: string;
  since: string;
}

/**
 * The fact watermark of the newest unselected build that succeeded (every model built, no test failed),
 * unless a full-mode run came after it; null when tests must read whole tables.
 */
export async function testScopeSince(session: Session): Promise<string | null> {
  const [row] = await session.rows(
    `select last_fact_seq::varchar as since
     from meta.transform_runs as passed
     where command = 'build' and selector is null and status = 'success' and last_fact_seq is not null
       and not exists (
           select 1 from meta.transform_runs as later
           where later.started_at > passed.started_at and later.mode = 'full'
       )
     order by started_at desc
     limit 1`,
  );
  const since = row?.since;
  return typeof since === 'string' && /^\d+$/.test(since) ? since : null;
}

/** The watermark column a relation declares in its meta, if it is a plain column name. */
export function watermarkColumn(meta: unknown): string | null {
  if (typeof meta !== 'object' || meta === null) return null;
  const column = (meta as Record<string, unknown>)[WATERMARK_META_KEY];
  return typeof column === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(column) ? column : null;
}

/** The filter a scoped test applied, as history records it. */
export function describeScope(newRows: NewRows): string {
  return `${newRows.column} > ${newRows.since}`;
}
