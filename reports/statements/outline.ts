// Statement outlines: rolls items up into subtotals (rollUpOutline, exact in minor units, for the statements
// that build their items in TypeScript) and turns outline rows, from it or from SQL (outlineRollup), into
// statement lines: level, kind, key, label and drill-down link.
import { formatMoney } from '../../ingest/index.ts';
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

/** Sorts past every account's: computed lines (results, clearing) come after the chart's own. */
export const AFTER_ACCOUNTS = 1_000_000_000;

/** An outline item before the roll-up: one account (or computed line) with its place in the chart. */
export interface OutlineItem {
  side?: string;
  side_sort?: number;
  section: string;
  section_sort: number;
  line: string;
  line_sort: number;
  item_key: string;
  item_sort: number;
  account_code: string | null;
  name: string | null;
  /** Each measure as exact minor units (cents). */
  measures: Record<string, bigint>;
}

const OUTLINE_KINDS_WITH_SIDE = ['total', 'side', 'section', 'line', 'account'] as const;
const OUTLINE_KINDS = ['total', 'section', 'line', 'account'] as const;

/**
 * Rolls items up into the rows `outlineRollup` gives in SQL, ordered as `outlineOrder` orders them: a row per
 * item, a subtotal per line, section (and side when the items have one) and a grand total, each subtotal
 * before its members, sums exact in minor units and printed as DuckDB prints a decimal(18, 2). For statements
 * whose items are few (one per account): summing a hundred rows here costs less than DuckDB's rollup operator.
 */
export function rollUpOutline(items: OutlineItem[], measures: string[]): Row[] {
  const withSide = items.some((item) => item.side !== undefined);
  const keyNames = withSide ? ['side', 'section', 'line', 'item_key'] : ['section', 'line', 'item_key'];
  const sortNames = withSide
    ? ['side_sort', 'section_sort', 'line_sort', 'item_sort']
    : ['section_sort', 'line_sort', 'item_sort'];
  const kinds = withSide ? OUTLINE_KINDS_WITH_SIDE : OUTLINE_KINDS;
  const groups = new Map<
    string,
    { depth: number; keys: string[]; sorts: number[]; sums: bigint[]; first: OutlineItem }
  >();
  for (const item of items) {
    const record = item as unknown as Record<string, unknown>;
    const keys = keyNames.map((name) => String(record[name]));
    const sorts = sortNames.map((name) => Number(record[name]));
    const amounts = measures.map((measure) => item.measures[measure] ?? 0n);
    // A group's id is its key prefix, each part closed by a NUL (which no key holds): '' is the grand total.
    let id = '';
    for (let depth = 0; depth <= keys.length; depth++) {
      if (depth > 0) id += `${keys[depth - 1]}\u0000`;
      let group = groups.get(id);
      if (!group) {
        group = { depth, keys: keys.slice(0, depth), sorts: [], sums: measures.map(() => 0n), first: item };
        groups.set(id, group);
      }
      // The sort of each level kept is the smallest among the group's items, as min() does.
      for (let level = 0; level < depth; level++) {
        const sort = sorts[level] as number;
        if (group.sorts[level] === undefined || sort < (group.sorts[level] as number))
          group.sorts[level] = sort;
      }
      for (let index = 0; index < amounts.length; index++)
        group.sums[index] = (group.sums[index] as bigint) + (amounts[index] as bigint);
    }
  }
  const rows = [...groups.values()].map((group) => {
    const row: Row = {};
    keyNames.forEach((name, index) => {
      row[name] = index < group.depth ? (group.keys[index] as string) : null;
    });
    row.level = group.depth;
    row.row_kind = kinds[group.depth];
    const isItem = group.depth === keyNames.length;
    row.account_code = isItem ? group.first.account_code : null;
    row.name = isItem ? group.first.name : null;
    sortNames.forEach((name, index) => {
      row[name] = index < group.depth ? (group.sorts[index] as number) : null;
    });
    measures.forEach((measure, index) => {
      row[measure] = formatMoney(group.sums[index] as bigint);
    });
    return row;
  });
  return rows.sort((left, right) => compareOutline(left, right, [...sortNames, 'item_key']));
}

/** Orders as `order by <sorts> nulls first`: a subtotal (its deeper sorts null) before its members. */
function compareOutline(left: Row, right: Row, columns: string[]): number {
  for (const column of columns) {
    const a = left[column];
    const b = right[column];
    if (a === b) continue;
    if (a === null || a === undefined) return -1;
    if (b === null || b === undefined) return 1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a) < String(b) ? -1 : 1;
  }
  return 0;
}

/** A leaf account's place in its statement: section and line, each with its sort. */
export interface Place {
  section: string;
  section_sort: number;
  line: string;
  line_sort: number;
}

/**
 * Where the chart puts each leaf account (rows with statement, statement_section, statement_line and
 * sort_order): its section and line, each sorted by the smallest sort_order among the leaves in it.
 */
export function chartPlaces(leaves: Row[]): ChartPlaces {
  const sections = new Map<string, number>();
  const lines = new Map<string, number>();
  const keep = (map: Map<string, number>, key: string, sort: number) => {
    const known = map.get(key);
    if (known === undefined || sort < known) map.set(key, sort);
  };
  const sectionKey = (leaf: Row) => `${leaf.statement}\u0000${leaf.statement_section}`;
  const lineKey = (leaf: Row) => `${sectionKey(leaf)}\u0000${leaf.statement_line}`;
  for (const leaf of leaves) {
    keep(sections, sectionKey(leaf), Number(leaf.sort_order));
    keep(lines, lineKey(leaf), Number(leaf.sort_order));
  }
  return {
    place: (leaf: Row): Place => ({
      section: String(leaf.statement_section),
      section_sort: sections.get(sectionKey(leaf)) as number,
      line: String(leaf.statement_line),
      line_sort: lines.get(lineKey(leaf)) as number,
    }),
  };
}

export interface ChartPlaces {
  place(leaf: Row): Place;
}
