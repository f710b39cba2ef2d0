// The roll-up in TypeScript (rollUpOutline) against the one in SQL (outlineRollup + outlineOrder) that the
// other statements still use: for random items, the same rows in the same order with the same exact sums.
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../ingest/index.ts';
import { outlineOrder, outlineRollup } from './fragments.ts';
import { type OutlineItem, rollUpOutline } from './outline.ts';

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
});
afterAll(() => instance.closeSync());

const COLUMNS = ['side', 'section', 'line', 'item_key', 'level', 'row_kind', 'account_code', 'name'];

async function rolledInSql(items: OutlineItem[], withSide: boolean) {
  const connection = await instance.connect();
  try {
    const values = items.map(
      (item) =>
        `(${withSide ? `'${item.side}', ${item.side_sort}, ` : ''}'${item.section}', ${item.section_sort}, ` +
        `'${item.line}', ${item.line_sort}, '${item.item_key}', ${item.item_sort}, ` +
        `${item.account_code === null ? 'null' : `'${item.account_code}'`}, '${item.name}', ` +
        `${formatMoney(item.measures.amount ?? 0n)}::decimal(18, 2))`,
    );
    const names = `${withSide ? 'side, side_sort, ' : ''}section, section_sort, line, line_sort, item_key, item_sort, account_code, name, amount`;
    const sql = `with items as (select * from (values ${values.join(', ')}) as t(${names}))
      ${outlineRollup({ measures: ['amount'], ...(withSide ? { top: { key: 'side', sort: 'side_sort' } } : {}) })}
      ${outlineOrder(withSide ? 'side_sort' : undefined)}`;
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJson().map((row) => pick(row as Record<string, unknown>, withSide));
  } finally {
    connection.closeSync();
  }
}

function pick(row: Record<string, unknown>, withSide: boolean) {
  const sorts = withSide
    ? ['side_sort', 'section_sort', 'line_sort', 'item_sort']
    : ['section_sort', 'line_sort', 'item_sort'];
  const picked: Record<string, unknown> = {};
  for (const column of COLUMNS) if (withSide || column !== 'side') picked[column] = row[column] ?? null;
  for (const sort of sorts)
    picked[sort] = row[sort] === null || row[sort] === undefined ? null : Number(row[sort]);
  picked.level = Number(row.level);
  picked.amount = String(row.amount);
  return picked;
}

/**
 * Items of a small chart: few sections and lines so that groups hold several items. As in the chart of
 * accounts, every item has its own sort (its key) and a line or section sorts by its smallest item, so no two
 * rows tie (SQL would order ties as it pleases).
 */
const itemsArbitrary = (withSide: boolean) =>
  fc
    .uniqueArray(
      fc.record({
        side: fc.constantFrom('assets', 'liabilities', 'equity'),
        section: fc.constantFrom('current', 'fixed', 'long_term'),
        line: fc.constantFrom('cash', 'receivables', 'stock', 'loans'),
        key: fc.integer({ min: 1000, max: 9999 }),
        cents: fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
        computed: fc.boolean(),
      }),
      { minLength: 1, maxLength: 40, selector: (item) => item.key },
    )
    .map((drawn) => {
      const smallest = (group: (item: (typeof drawn)[number]) => string) => {
        const sorts = new Map<string, number>();
        for (const item of drawn)
          sorts.set(group(item), Math.min(sorts.get(group(item)) ?? item.key, item.key));
        return (item: (typeof drawn)[number]) => sorts.get(group(item)) as number;
      };
      // Without a side level, a section holds the items of every side.
      const prefix = (item: (typeof drawn)[number]) => (withSide ? `${item.side}/` : '');
      const sideSort = smallest((item) => item.side);
      const sectionSort = smallest((item) => `${prefix(item)}${item.section}`);
      const lineSort = smallest((item) => `${prefix(item)}${item.section}/${item.line}`);
      return drawn.map(
        (item): OutlineItem => ({
          ...(withSide ? { side: item.side, side_sort: sideSort(item) } : {}),
          section: item.section,
          section_sort: sectionSort(item),
          line: item.line,
          line_sort: lineSort(item),
          item_key: String(item.key),
          item_sort: item.key,
          account_code: item.computed ? null : String(item.key),
          name: `Account ${item.key}`,
          measures: { amount: item.cents },
        }),
      );
    });

describe('rollUpOutline', () => {
  for (const withSide of [true, false]) {
    it(`gives the rows, order and sums of the SQL roll-up ${withSide ? 'with' : 'without'} a side level`, async () => {
      await fc.assert(
        fc.asyncProperty(itemsArbitrary(withSide), async (items) => {
          const expected = await rolledInSql(items, withSide);
          const actual = rollUpOutline(items, ['amount']).map((row) => pick(row, withSide));
          expect(actual).toEqual(expected);
        }),
        { numRuns: 60 },
      );
    });
  }
});
