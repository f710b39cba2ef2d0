// Drill-down links: every statement line of an account opens its general-ledger lines for the same range.

export const GENERAL_LEDGER_PATH = '/api/v1/reports/general-ledger';
export const JOURNAL_PATH = '/api/v1/journals';

export interface DimensionParams {
  department?: string | null;
  cost_center?: string | null;
  project?: string | null;
}

/** The general-ledger URL of an account (leaf or group) for a range, carrying the same filters. */
export function drillToLedger(
  account: string,
  range: { from: string; to: string },
  dims: DimensionParams,
): string {
  const query = new URLSearchParams({ account, from: range.from, to: range.to });
  for (const key of ['department', 'cost_center', 'project'] as const) {
    const value = dims[key];
    if (value) query.set(key, value);
  }
  return `${GENERAL_LEDGER_PATH}?${query.toString()}`;
}

/** The journal a general-ledger line belongs to. */
export function drillToJournal(documentNumber: string): string {
  return `${JOURNAL_PATH}/${encodeURIComponent(documentNumber)}`;
}
