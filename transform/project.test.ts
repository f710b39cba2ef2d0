// Loading a dbt project: paths, vars, nested folder configs, properties files, tests, seeds, schema naming.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildNodes, schemaFor } from './nodes.ts';
import { loadProject } from './project.ts';
import { SCHEMA_MACRO } from './test-fixture.ts';
import type { GenericTestDef } from './types.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ledgerline-project-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const DBT_PROJECT = `name: shop
profile: shop
model-paths: [models]
seed-paths: [seeds]
test-paths: [tests/sql]
vars:
  region: global
  shop:
    region: scoped
models:
  shop:
    +materialized: view
    +tags: [nightly]
    marts:
      +materialized: table
      +schema: marts
      finance:
        +tags: [finance]
        fct_cash:
          +materialized: incremental
`;

const PROPERTIES = `version: 2
sources:
  - name: facts
    schema: facts
    tables:
      - name: sales
      - name: old_sales
        identifier: sales_v1
        columns:
          - name: seq
            data_tests: [not_null]
models:
  - name: fct_cash
    description: Cash movements, one row per journal line.
    config:
      tags: [cash]
    columns:
      - name: line_id
        data_tests:
          - unique
          - not_null
      - name: status
        data_tests:
          - accepted_values:
              values: [open, paid]
              config:
                severity: warn
      - name: account
        tests:
          - relationships:
              arguments:
                to: ref('dim_accounts')
                field: code
`;

describe('loadProject', () => {
  it('reads paths, scoped vars, models with fqn and nested folder configs', async () => {
    const root = project({
      'dbt_project.yml': DBT_PROJECT,
      'models/staging/stg_sales.sql': 'select 1',
      'models/marts/finance/fct_cash.sql': 'select 1',
      'models/marts/finance/_finance.yml': PROPERTIES,
      'models/marts/dim_accounts.sql': "{{ config(schema='dims') }}select 1",
    });
    const loaded = await loadProject(root);
    expect(loaded.testPaths).toEqual(['tests/sql']);
    expect(loaded.macroPaths).toEqual(['macros']);
    expect(loaded.vars).toEqual({ region: 'scoped' });
    expect(loaded.models.get('stg_sales')?.config).toEqual({ materialized: 'view', tags: ['nightly'] });
    const cash = loaded.models.get('fct_cash');
    expect(cash?.path).toBe('models/marts/finance/fct_cash.sql');
    expect(cash?.fqn).toEqual(['shop', 'marts', 'finance', 'fct_cash']);
    expect(cash?.config).toEqual({
      materialized: 'incremental',
      schema: 'marts',
      tags: ['nightly', 'finance', 'cash'],
    });
    expect(cash?.description).toBe('Cash movements, one row per journal line.');
  });

  it('reads sources and generic tests in both the old and the arguments layouts, named as dbt names them', async () => {
    const root = project({
      'dbt_project.yml': DBT_PROJECT,
      'models/marts/finance/fct_cash.sql': 'select 1',
      'models/marts/dim_accounts.sql': 'select 1',
      'models/_props.yml': PROPERTIES,
    });
    const loaded = await loadProject(root);
    expect(loaded.sources.get('facts.old_sales')).toEqual({
      source: 'facts',
      table: 'old_sales',
      schema: 'facts',
      identifier: 'sales_v1',
      meta: {},
    });
    const tests = loaded.tests as GenericTestDef[];
    expect(tests.map((test) => test.name)).toEqual([
      'unique_fct_cash_line_id',
      'not_null_fct_cash_line_id',
      'accepted_values_fct_cash_status__open__paid',
      'relationships_fct_cash_account__code__ref_dim_accounts_',
      'source_not_null_facts_old_sales_seq',
    ]);
    expect(tests[2]?.config).toEqual({ severity: 'warn' });
    expect(tests[3]?.args).toEqual({ to: "ref('dim_accounts')", field: 'code' });
  });

  it('takes singular tests from test-paths but not generic test definitions', async () => {
    const root = project({
      'dbt_project.yml': DBT_PROJECT,
      'tests/sql/assert_cash_balances.sql': 'select 1 where false',
      'tests/sql/generic/my_test.sql': '{% test my_test(model) %}select 1{% endtest %}',
      'tests/unit.test.ts': '// not a dbt test',
    });
    const loaded = await loadProject(root);
    expect(loaded.tests.map((test) => [test.kind, test.name, test.path])).toEqual([
      ['singular', 'assert_cash_balances', 'tests/sql/assert_cash_balances.sql'],
    ]);
  });

  it('reads seeds with their properties and config', async () => {
    const root = project({
      'dbt_project.yml': `${DBT_PROJECT}seeds:\n  shop:\n    +schema: seeds\n`,
      'seeds/roles.csv': 'role,is_read_only\nadmin,false\n',
      'seeds/_seeds.yml':
        'version: 2\nseeds:\n  - name: roles\n    config:\n      column_types:\n        role: varchar\n    columns:\n      - name: role\n        data_tests: [unique]\n',
    });
    const loaded = await loadProject(root);
    expect(loaded.seeds.get('roles')?.config).toEqual({ schema: 'seeds', column_types: { role: 'varchar' } });
    expect(loaded.tests.map((test) => test.name)).toEqual(['unique_roles_role']);
  });

  it('uses a custom schema verbatim when the project overrides generate_schema_name, else dbt’s default', async () => {
    const plain = await loadProject(project({ 'dbt_project.yml': DBT_PROJECT }));
    const overridden = await loadProject(
      project({ 'dbt_project.yml': DBT_PROJECT, 'macros/generate_schema_name.sql': SCHEMA_MACRO }),
    );
    expect(schemaFor(plain, 'marts')).toBe('main_marts');
    expect(schemaFor(overridden, 'marts')).toBe('marts');
    expect(schemaFor(overridden, undefined)).toBe('main');
  });

  it('lets config() in the SQL override the folder and properties config', async () => {
    const root = project({
      'dbt_project.yml': DBT_PROJECT,
      'macros/generate_schema_name.sql': SCHEMA_MACRO,
      'models/marts/dim_accounts.sql': "{{ config(schema='dims', materialized='view', tags=['x']) }}select 1",
    });
    const loaded = await loadProject(root);
    const node = buildNodes({ project: loaded, vars: loaded.vars }).get('model:dim_accounts');
    expect(node?.materialized).toBe('view');
    expect(String(node?.relation)).toBe('"dims"."dim_accounts"');
    expect(node?.tags).toEqual(['nightly', 'x']);
  });

  it('refuses a project without a name and two models with one name', async () => {
    await expect(loadProject(project({ 'dbt_project.yml': 'profile: x\n' }))).rejects.toThrow(
      /dbt_project.yml: name/,
    );
    const root = project({
      'dbt_project.yml': DBT_PROJECT,
      'models/a/dup.sql': 'select 1',
      'models/b/dup.sql': 'select 2',
    });
    await expect(loadProject(root)).rejects.toThrow("two models are named 'dup'");
  });
});
