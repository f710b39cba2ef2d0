// Turns outline rows from SQL (subtotals already summed there) into statement lines: level, kind, key,
// label and drill-down link. No arithmetic here: amounts pass through as the exact strings DuckDB returned.
import type { Row } from '../definition.ts';
import { labelFor } from '../labels.ts';

export interface OutlineOptions {
  /** Measure columns copied onto each line (`amount`, `comparison`…). */
  measures: string[];
  /** Labels for the direct cash-flow method differ from the indirect ones for the same keys. */
  labels?: 'default' | 'direct';
  /** The general-ledger link of an account line. */
  drill?: (account: string) => string;
}

const KEY_PARTS = ['side', 'section', 'line', 'item_key'] as const;

export function outlineLines(rows: Row[], options: OutlineOptions): Row[] {
  return rows
    .filter((row) => row.row_kind !== 'total')
    .map((row) => {
      const kind = String(row.row_kind);
      const account = typeof row.account_code === 'string' ? row.account_code : null;
      const line: Row = {
        level: Number(row.level),
        // A detail without an account is computed, not posted (the year's result, a clearing line).
        kind: kind === 'account' && !account ? 'item' : kind,
        key: KEY_PARTS.map((part) => row[part])
          .filter((part) => typeof part === 'string')
          .join('/'),
        label:
          kind === 'account'
            ? String(row.name ?? row.item_key)
            : labelFor(groupKey(row, kind), options.labels),
        account,
      };
      for (const measure of options.measures) line[measure] = row[measure] ?? null;
      if (account && options.drill) line.drill = options.drill(account);
      return line;
    });
}

function groupKey(row: Row, kind: string): string {
  const part = kind === 'side' ? row.side : kind === 'section' ? row.section : row.line;
  return String(part ?? '');
}

/** The amount of the first line of `kind` whose own key part is `key`, or zero when the outline has none. */
export function amountOf(lines: Row[], kind: string, keyPart: string, measure = 'amount'): string {
  const found = lines.find((line) => line.kind === kind && String(line.key).split('/').at(-1) === keyPart);
  return typeof found?.[measure] === 'string' ? (found[measure] as string) : '0.00';
}
