// An incremental build leaves standing what nothing it reads has changed, and only that.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listRunNodes } from './history.ts';
import { type Fixture, openFixture, SALES_FACTS } from './test-fixture.ts';
import type { RunResult } from './types.ts';
import { NONDETERMINISTIC_SQL } from './unchanged.ts';

const PROPERTIES = `version: 2
sources:
  - name: facts
    schema: facts
    tables:
      - name: sales
  - name: ref
    schema: ref
    tables:
      - name: skus
models:
  - name: fct_sales
    columns:
      - name: seq
        data_tests: [unique, not_null]
  - name: dim_sku
    columns:
      - name: sku
        data_tests:
          - accepted_values:
              arguments:
                values: [A, B]
`;

const FCT_SALES = `{{ config(materialized='incremental', unique_key='seq', incremental_strategy='delete+insert') }}
select seq, sku, qty from {{ source('facts', 'sales') }}
{% if is_incremental() %}where seq > (select coalesce(max(seq), 0) from {{ this }}){% endif %}`;

let f: Fixture;
beforeEach(async () => {
  f = await openFixture({
    'models/schema.yml': PROPERTIES,
    'models/fct_sales.sql': FCT_SALES,
    'models/rpt_qty.sql':
      "{{ config(materialized='table') }}select sum(qty) as qty from {{ ref('fct_sales') }}",
    'models/dim_sku.sql':
      "{{ config(materialized='table') }}select sku, label from {{ source('ref', 'skus') }}",
    'models/dim_today.sql': "{{ config(materialized='table') }}select current_date as today",
    'models/rpt_days.sql':
      "{{ config(materialized='table') }}select today - 1 as day from {{ ref('dim_today') }}",
    'tests/assert_qty_positive.sql': "select * from {{ ref('fct_sales') }} where qty <= 0",
  });
  await f.exec(SALES_FACTS);
  await f.exec("insert into facts.sales values (1, 'A', 2, 10.00), (2, 'B', 1, 5.50)");
  await f.exec('create schema if not exists ref');
  await f.exec(
    "create table ref.skus as select * from (values ('A', 'Alpha'), ('B', 'Beta')) as t(sku, label)",
  );
});
afterEach(async () => {
  await f.dispose();
});

/** Two builds: the first makes every table, the second the incremental model's incremental form. */
async function settled(): Promise<void> {
  await f.run();
  await f.run();
}

/** The nodes a run did not leave standing, by name, sorted. */
const ran = (run: RunResult) =>
  run.nodes
    .filter((node) => !node.unchanged)
    .map((node) => node.node)
    .sort();

describe('an incremental build after an earlier one in the same process', () => {
  it('leaves every model and test standing when no source changed, with the results it had', async () => {
    const first = await f.run();
    expect(first.status).toBe('success');
    // The incremental model's SQL is another the first time it builds incrementally (it adds no rows).
    expect(ran(await f.run())).toEqual(['dim_today', 'fct_sales']);
    const second = await f.run();
    // The calendar model reads the clock, so it is built again; its rows are as before, so its reader stands.
    expect(ran(second)).toEqual(['dim_today']);
    expect(second.status).toBe('success');
    const kept = second.nodes.find((node) => node.node === 'assert_qty_positive');
    expect(kept).toMatchObject({ status: 'pass', rows: 0, unchanged: true });
    expect(second.nodes.find((node) => node.node === 'fct_sales')).toMatchObject({
      rows: 0,
      unchanged: true,
    });
    const history = await listRunNodes(f.db, second.runId);
    expect(history.filter((node) => node.unchanged === true).length).toBe(second.nodes.length - 1);
  });

  it('builds and tests again what reads a grown facts table, and nothing else', async () => {
    await settled();
    await f.exec("insert into facts.sales values (3, 'A', 4, 1.00)");
    const grown = await f.run();
    expect(ran(grown)).toEqual([
      'assert_qty_positive',
      'dim_today',
      'fct_sales',
      'not_null_fct_sales_seq',
      'rpt_qty',
      'unique_fct_sales_seq',
    ]);
    expect(await f.rows('select qty::integer as qty from main.rpt_qty')).toEqual([{ qty: 7 }]);
    // A second fact that breaks a test is caught, though the test passed on the facts before it.
    await f.exec("insert into facts.sales values (4, 'B', 0, 1.00)");
    const broken = await f.run();
    expect(broken.nodes.find((node) => node.node === 'assert_qty_positive')).toMatchObject({
      status: 'fail',
      rows: 1,
    });
  });

  it('never keeps a failing test: it runs again, and fails again, on the same data', async () => {
    await f.exec("insert into ref.skus values ('C', 'Gamma')");
    const first = await f.run();
    const test = 'accepted_values_dim_sku_sku__A__B';
    expect(first.nodes.find((node) => node.node === test)?.status).toBe('fail');
    const again = await f.run();
    expect(again.nodes.find((node) => node.node === test)).toMatchObject({
      status: 'fail',
      unchanged: false,
    });
  });

  it('sees a changed row of a mutable source, though its row count is the same', async () => {
    await f.run();
    await f.exec("update ref.skus set label = 'Alpha prime' where sku = 'A'");
    const changed = await f.run();
    expect(ran(changed)).toContain('dim_sku');
    expect(ran(changed)).toContain('accepted_values_dim_sku_sku__A__B');
    expect(await f.rows("select label from main.dim_sku where sku = 'A'")).toEqual([
      { label: 'Alpha prime' },
    ]);
  });

  it('builds everything in a full build and runs every test when asked to test', async () => {
    await f.run();
    const full = await f.run({ full: true });
    expect(full.nodes.filter((node) => node.unchanged)).toEqual([]);
    const tested = await f.run({ command: 'test' });
    expect(tested.nodes.length).toBeGreaterThan(0);
    expect(tested.nodes.filter((node) => node.unchanged)).toEqual([]);
  });

  it('builds again a model whose SQL changed, and what reads it', async () => {
    await settled();
    f.write({
      'models/rpt_qty.sql':
        "{{ config(materialized='table') }}select sum(qty) * 10 as qty from {{ ref('fct_sales') }}",
    });
    const changed = await f.run();
    expect(ran(changed)).toEqual(['dim_today', 'rpt_qty']);
    expect(await f.rows('select qty::integer as qty from main.rpt_qty')).toEqual([{ qty: 30 }]);
  });

  it('knows SQL that reads the clock or chance from SQL that only names such columns', () => {
    for (const sql of [
      'select current_date',
      'select now()',
      'select random ()',
      'select * where d < today()',
    ])
      expect(NONDETERMINISTIC_SQL.test(sql), sql).toBe(true);
    for (const sql of ['select today - 1 as day', 'select random_draw, now_due from t', 'select uuid_key'])
      expect(NONDETERMINISTIC_SQL.test(sql), sql).toBe(false);
  });
});
