// Data tests: the four generic tests and singular tests, judged by failing rows, in dbt build order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAILING_ROWS_SAMPLE_MAX } from './limits.ts';
import { type Fixture, openFixture, SALES_FACTS, statuses } from './test-fixture.ts';
import type { RunResult } from './types.ts';

const PROPERTIES = `version: 2
sources:
  - name: facts
    schema: facts
    tables:
      - name: sales
        columns:
          - name: seq
            data_tests: [not_null]
models:
  - name: dim_sku
    columns:
      - name: sku
        data_tests: [unique, not_null]
  - name: stg_sales
    columns:
      - name: sku
        data_tests:
          - not_null
          - accepted_values:
              arguments:
                values: [A, B]
          - relationships:
              to: ref('dim_sku')
              field: sku
      - name: qty
        data_tests:
          - accepted_values:
              values: [1, 2]
              quote: false
              config:
                severity: warn
`;

let f: Fixture;
beforeEach(async () => {
  f = await openFixture({
    'models/schema.yml': PROPERTIES,
    'models/stg_sales.sql': "select * from {{ source('facts', 'sales') }}",
    'models/dim_sku.sql': "{{ config(materialized='table') }}select * from (values ('A'), ('B')) as t(sku)",
    'models/rpt_sales.sql':
      "{{ config(materialized='table') }}select sku, count(*) as n from {{ ref('stg_sales') }} group by sku",
    'tests/assert_qty_positive.sql': "select seq, qty from {{ ref('stg_sales') }} where qty <= 0",
  });
  await f.exec(SALES_FACTS);
  await f.exec("insert into facts.sales values (1, 'A', 2, 10.00), (2, 'B', 1, 5.50)");
});
afterEach(async () => {
  await f.dispose();
});

function node(result: RunResult, name: string) {
  return result.nodes.find((item) => item.node === name);
}

describe('data tests', () => {
  it('pass when their queries return no rows', async () => {
    const result = await f.run();
    expect(result.status).toBe('success');
    expect(result.nodes.filter((item) => item.kind === 'test').map((item) => item.status)).toEqual(
      Array(8).fill('pass'),
    );
    expect(node(result, 'source_not_null_facts_sales_seq')?.status).toBe('pass');
  });

  it('report a failing generic test with its failing row count and rows', async () => {
    await f.exec("insert into facts.sales values (3, 'C', 1, 1.00), (4, 'C', 2, 1.00), (5, 'D', 1, 1.00)");
    const result = await f.run();
    const accepted = node(result, 'accepted_values_stg_sales_sku__A__B');
    expect(accepted).toMatchObject({ status: 'fail', rows: 2 });
    expect(accepted?.failingRows).toEqual(
      expect.arrayContaining([
        { value_field: 'C', n_records: '2' },
        { value_field: 'D', n_records: '1' },
      ]),
    );
    const relationships = node(result, 'relationships_stg_sales_sku__sku__ref_dim_sku_');
    expect(relationships).toMatchObject({ status: 'fail', rows: 3 });
    expect(result.testsFailed).toBe(2);
    expect(result.status).toBe('failed');
  });

  it('report unique failures once per duplicated value, and warn at severity warn', async () => {
    f.write({
      'models/dim_sku.sql':
        "{{ config(materialized='table') }}select * from (values ('A'), ('A'), ('B')) as t(sku)",
    });
    await f.exec("insert into facts.sales values (3, 'A', 7, 1.00)");
    const result = await f.run();
    expect(node(result, 'unique_dim_sku_sku')).toMatchObject({
      status: 'fail',
      rows: 1,
      failingRows: [{ unique_field: 'A', n_records: '2' }],
    });
    expect(node(result, 'accepted_values_stg_sales_qty__False__1__2')).toMatchObject({
      status: 'warn',
      rows: 1,
    });
  });

  it('report a singular test that returns rows, keeping at most the sample size', async () => {
    const values = Array.from({ length: 15 }, (_, index) => `(${index + 10}, 'A', 0, 1.00)`).join(', ');
    await f.exec(`insert into facts.sales values ${values}`);
    const result = await f.run();
    const singular = node(result, 'assert_qty_positive');
    expect(singular).toMatchObject({ kind: 'test', status: 'fail', rows: 15 });
    expect(singular?.failingRows).toHaveLength(FAILING_ROWS_SAMPLE_MAX);
    expect(singular?.failingRows?.[0]).toEqual({ seq: expect.any(String), qty: 0 });
  });

  it('skip the children of a model whose test failed, as dbt build does, but not other branches', async () => {
    await f.exec("insert into facts.sales values (3, 'C', 1, 1.00)");
    const result = await f.run();
    expect(statuses(result)).toMatchObject({
      accepted_values_stg_sales_sku__A__B: 'fail',
      rpt_sales: 'skipped',
      dim_sku: 'success',
    });
    expect(node(result, 'rpt_sales')?.error).toMatch(
      /upstream '(accepted_values|relationships)_stg_sales_sku/,
    );
  });

  it('run after all models with command run skipped, and only tests with command test', async () => {
    const built = await f.run({ command: 'run' });
    expect(built.nodes.every((item) => item.kind === 'model')).toBe(true);
    const tested = await f.run({ command: 'test', select: ['dim_sku'] });
    expect(tested.nodes.map((item) => item.node).sort()).toEqual([
      'not_null_dim_sku_sku',
      'relationships_stg_sales_sku__sku__ref_dim_sku_',
      'unique_dim_sku_sku',
    ]);
  });

  it('report an unsupported generic test as an error, not a pass', async () => {
    f.write({
      'models/more.yml':
        'version: 2\nmodels:\n  - name: rpt_sales\n    data_tests:\n      - dbt_utils.expression_is_true:\n          expression: "n > 0"\n',
    });
    const result = await f.run();
    const unsupported = result.nodes.find((item) => item.node.startsWith('expression_is_true_rpt_sales'));
    expect(unsupported?.status).toBe('error');
    expect(unsupported?.error).toMatch(/generic test 'dbt_utils.expression_is_true' is not supported/);
  });
});
