// Incremental test scope: after a passing build, tests of watermarked relations read only the newer rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Fixture, openFixture, SALES_FACTS } from './test-fixture.ts';
import type { RunResult } from './types.ts';

const PROPERTIES = `version: 2
sources:
  - name: facts
    schema: facts
    tables:
      - name: sales
        meta:
          watermark_column: seq
        columns:
          - name: seq
            data_tests: [unique]
models:
  - name: fct_sales
    config:
      meta:
        watermark_column: seq
    columns:
      - name: sku
        data_tests:
          - unique
          - accepted_values:
              arguments:
                values: [A, B, C, D]
  - name: dim_sku
    columns:
      - name: sku
        data_tests: [not_null]
`;

const FCT_SALES = `{{ config(materialized='incremental', incremental_strategy='append') }}
select seq, sku, qty from {{ source('facts', 'sales') }}
{% if is_incremental() %}where seq > (select coalesce(max(seq), 0) from {{ this }}){% endif %}`;

const SINGULAR = `{%- set since_seq = var('tests_since_seq', '') %}
select seq from {{ ref('fct_sales') }} where qty <= 0
{%- if since_seq %} and seq > {{ since_seq | int }}{% endif %}`;

let f: Fixture;
beforeEach(async () => {
  f = await openFixture({
    'models/schema.yml': PROPERTIES,
    'models/fct_sales.sql': FCT_SALES,
    'models/dim_sku.sql': "{{ config(materialized='table') }}select * from (values ('A'), ('B')) as t(sku)",
    'tests/assert_qty_positive.sql': SINGULAR,
  });
  await f.exec(SALES_FACTS);
  await f.exec("insert into facts.sales values (1, 'A', 2, 10.00), (2, 'B', 1, 5.50)");
});
afterEach(async () => {
  await f.dispose();
});

function scopes(result: RunResult): Record<string, string | null> {
  return Object.fromEntries(
    result.nodes.filter((node) => node.kind === 'test').map((node) => [node.node, node.testScope]),
  );
}

describe('incremental test scope', () => {
  it('tests whole tables in a full build and in the first incremental build', async () => {
    const full = await f.run({ full: true });
    expect(full.status).toBe('success');
    expect(Object.values(scopes(full)).every((scope) => scope === null)).toBe(true);
  });

  it('scopes watermarked relations to rows above the last passing build, and records the filter', async () => {
    await f.run({ full: true });
    await f.exec("insert into facts.sales values (3, 'C', 1, 1.00)");
    const result = await f.run();
    expect(result.status).toBe('success');
    expect(scopes(result)).toEqual({
      source_unique_facts_sales_seq: 'seq > 2',
      unique_fct_sales_sku: 'seq > 2',
      accepted_values_fct_sales_sku__A__B__C__D: 'seq > 2',
      not_null_dim_sku_sku: null,
      assert_qty_positive: 'tests_since_seq = 2',
    });
    const [history] = await f.rows(
      `select test_scope from meta.transform_model_runs where run_id = '${result.runId}' and node = 'unique_fct_sales_sku'`,
    );
    expect(history?.test_scope).toBe('seq > 2');
  });

  it('still fails a new row whose key repeats an old row', async () => {
    await f.run({ full: true });
    await f.exec("insert into facts.sales values (3, 'A', 1, 1.00)");
    const result = await f.run();
    const unique = result.nodes.find((node) => node.node === 'unique_fct_sales_sku');
    expect(unique?.status).toBe('fail');
    expect(unique?.failingRows).toEqual([{ unique_field: 'A', n_records: '2' }]);
  });

  it('fails a repeated watermark among the new rows, reading only those', async () => {
    await f.run({ full: true });
    await f.exec("insert into facts.sales values (3, 'C', 1, 1.00), (3, 'D', 1, 1.00)");
    const result = await f.run();
    const unique = result.nodes.find((node) => node.node === 'source_unique_facts_sales_seq');
    expect(unique?.status).toBe('fail');
    expect(unique?.failingRows).toEqual([{ unique_field: '3', n_records: '2' }]);
  });

  it('leaves old rows out, and tests whole tables again after a failing build', async () => {
    await f.run({ full: true });
    await f.exec("insert into facts.sales values (3, 'E', 0, 1.00)");
    const failing = await f.run();
    expect(failing.status).toBe('failed');
    await f.exec("insert into facts.sales values (4, 'D', 1, 1.00)");
    // The last passing build is still the full one: row 3 is tested again and still fails.
    const again = await f.run();
    expect(scopes(again).assert_qty_positive).toBe('tests_since_seq = 2');
    expect(again.nodes.find((node) => node.node === 'assert_qty_positive')?.status).toBe('fail');
  });

  it('tests whole tables when told not to scope', async () => {
    await f.run({ full: true });
    await f.exec("insert into facts.sales values (3, 'C', 1, 1.00)");
    const result = await f.run({ scopeTests: false });
    expect(Object.values(scopes(result)).every((scope) => scope === null)).toBe(true);
  });
});
