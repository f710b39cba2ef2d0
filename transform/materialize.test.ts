// Materialisations end to end: view, table, incremental (append, delete+insert), seeds, and refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Fixture, openFixture, SALES_FACTS, statuses } from './test-fixture.ts';

const SOURCES =
  'version: 2\nsources:\n  - name: facts\n    schema: facts\n    tables:\n      - name: sales\n';

let f: Fixture;
beforeEach(async () => {
  f = await openFixture({
    'models/sources.yml': SOURCES,
    'models/staging/stg_sales.sql': "select * from {{ source('facts', 'sales') }}",
    'models/marts/fct_sales_total.sql':
      "{{ config(materialized='table', schema='marts') }}\nselect sku, sum(qty) as qty from {{ ref('stg_sales') }} group by sku",
    'models/marts/fct_sales_log.sql': `{{ config(materialized='incremental', schema='marts', incremental_strategy='append') }}
select seq, sku, qty from {{ ref('stg_sales') }}
{% if is_incremental() %}
where seq > (select coalesce(max(seq), 0) from {{ this }})
{% endif %}`,
  });
  await f.exec(SALES_FACTS);
  await f.exec("insert into facts.sales values (1, 'A', 2, 10.00), (2, 'B', 1, 5.50)");
});
afterEach(async () => {
  await f.dispose();
});

async function relationTypes(): Promise<Record<string, string>> {
  const rows = await f.rows(
    "select table_schema || '.' || table_name as name, table_type from information_schema.tables where table_schema in ('main', 'marts') order by 1",
  );
  return Object.fromEntries(rows.map((row) => [String(row.name), String(row.table_type)]));
}

describe('materialisations', () => {
  it('builds views in the target schema and tables in their custom schema', async () => {
    const result = await f.run();
    expect(result.status).toBe('success');
    expect(await relationTypes()).toEqual({
      'main.stg_sales': 'VIEW',
      'marts.fct_sales_log': 'BASE TABLE',
      'marts.fct_sales_total': 'BASE TABLE',
    });
    expect(await f.rows('select sku, qty::integer as qty from marts.fct_sales_total order by sku')).toEqual([
      { sku: 'A', qty: 2 },
      { sku: 'B', qty: 1 },
    ]);
    const total = result.nodes.find((node) => node.node === 'fct_sales_total');
    expect(total).toMatchObject({ kind: 'model', materialized: 'table', status: 'success', rows: 2 });
  });

  it('appends only new facts to an incremental model on the next run', async () => {
    await f.run();
    await f.exec("insert into facts.sales values (3, 'A', 4, 1.00)");
    const second = await f.run();
    expect(second.nodes.find((node) => node.node === 'fct_sales_log')?.rows).toBe(1);
    expect(await f.rows('select seq::integer as seq from marts.fct_sales_log order by seq')).toEqual([
      { seq: 1 },
      { seq: 2 },
      { seq: 3 },
    ]);
  });

  it('rebuilds an incremental model from scratch with full', async () => {
    await f.run();
    await f.exec('delete from marts.fct_sales_log where seq = 1');
    await f.exec("insert into facts.sales values (3, 'A', 4, 1.00)");
    const result = await f.run({ full: true });
    expect(result.mode).toBe('full');
    expect(await f.rows('select count(*)::integer as n from marts.fct_sales_log')).toEqual([{ n: 3 }]);
  });

  it('replaces rows by unique_key with delete+insert', async () => {
    f.write({
      'models/marts/dim_sku.sql': `{{ config(materialized='incremental', unique_key='sku', schema='marts') }}
select sku, max(seq) as last_seq, sum(qty) as qty from {{ ref('stg_sales') }}
{% if is_incremental() %}
where sku in (select sku from {{ ref('stg_sales') }} where seq > (select max(last_seq) from {{ this }}))
{% endif %}
group by sku`,
    });
    await f.run({ select: ['+dim_sku'] });
    await f.exec("insert into facts.sales values (3, 'A', 4, 1.00)");
    await f.run({ select: ['+dim_sku'] });
    expect(
      await f.rows('select sku, last_seq::integer as s, qty::integer as q from marts.dim_sku order by sku'),
    ).toEqual([
      { sku: 'A', s: 3, q: 6 },
      { sku: 'B', s: 2, q: 1 },
    ]);
  });

  it('swaps a table for a view when the materialisation changes, and back', async () => {
    await f.run();
    f.write({
      'models/marts/fct_sales_total.sql':
        "{{ config(materialized='view', schema='marts') }}\nselect sku from {{ ref('stg_sales') }}",
    });
    await f.run();
    expect((await relationTypes())['marts.fct_sales_total']).toBe('VIEW');
    f.write({
      'models/marts/fct_sales_total.sql': "{{ config(materialized='table', schema='marts') }}\nselect 1 as x",
    });
    await f.run();
    expect((await relationTypes())['marts.fct_sales_total']).toBe('BASE TABLE');
  });

  it('loads seeds with their declared column types, and lets models ref them', async () => {
    f.write({
      'seeds/accounts.csv': 'code,name,is_group\n0100,Cash,false\n0200,,true\n',
      'seeds/_seeds.yml':
        'version: 2\nseeds:\n  - name: accounts\n    config:\n      column_types:\n        code: varchar\n        name: varchar\n        is_group: boolean\n',
      'models/marts/dim_accounts.sql': "select code from {{ ref('accounts') }} where not is_group",
    });
    const result = await f.run();
    expect(statuses(result)).toMatchObject({ accounts: 'success', dim_accounts: 'success' });
    expect(await f.rows('select code, name, is_group from main.accounts order by code')).toEqual([
      { code: '0100', name: 'Cash', is_group: false },
      { code: '0200', name: null, is_group: true },
    ]);
    expect(await f.rows('select code from main.dim_accounts')).toEqual([{ code: '0100' }]);
  });

  it('refuses ephemeral models and unsupported strategies as that model’s error', async () => {
    f.write({
      'models/eph.sql': "{{ config(materialized='ephemeral') }}select 1",
      'models/merged.sql':
        "{{ config(materialized='incremental', incremental_strategy='merge') }}select 1 as a",
      'models/hooked.sql': "{{ config(post_hook='grant select on x to y') }}select 1",
    });
    await f.run({ select: ['merged'] });
    const result = await f.run();
    const errors = Object.fromEntries(result.nodes.map((node) => [node.node, node.error]));
    expect(errors.eph).toMatch(/ephemeral models are not supported/);
    expect(errors.merged).toMatch(/incremental_strategy 'merge' is not supported/);
    expect(errors.hooked).toMatch(/models\/hooked.sql: config 'post_hook' is not supported/);
    expect(statuses(result).fct_sales_total).toBe('success');
  });

  it('refuses a ref that only the is_incremental() branch makes, as dbt does', async () => {
    f.write({
      'models/marts/sneaky.sql': `{{ config(materialized='incremental', schema='marts') }}
select seq from {{ ref('stg_sales') }}
{% if is_incremental() %}where seq > (select max(seq) from {{ ref('fct_sales_log') }}){% endif %}`,
    });
    await f.run();
    const second = await f.run({ select: ['sneaky'] });
    expect(second.nodes[0]?.error).toMatch(/ref\('fct_sales_log'\) was not seen when the model was parsed/);
  });
});
