// The DAG: order from ref(), cycles named, dbt build's test edges, and node selection.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeps, topologicalOrder } from './graph.ts';
import { buildNodes, type GraphNode } from './nodes.ts';
import { loadProject } from './project.ts';
import { selectNodes } from './select.ts';
import { PROJECT_YML } from './test-fixture.ts';

const MODELS: Record<string, string> = {
  'models/staging/stg_sales.sql': "select * from {{ source('facts', 'sales') }}",
  'models/staging/stg_items.sql': "{{ config(tags=['items']) }}select * from {{ source('facts', 'sales') }}",
  'models/intermediate/int_sales_joined.sql':
    "select * from {{ ref('stg_sales') }} join {{ ref('stg_items') }} using (sku)",
  'models/marts/finance/fct_revenue.sql': "select * from {{ ref('int_sales_joined') }}",
  'models/marts/ops/rpt_items.sql': "select * from {{ ref('stg_items') }}",
  'models/sources.yml': 'version: 2\nsources:\n  - name: facts\n    tables:\n      - name: sales\n',
  'models/schema.yml':
    'version: 2\nmodels:\n  - name: stg_sales\n    columns:\n      - name: seq\n        data_tests: [unique]\n',
};

let root: string;
let nodes: Map<string, GraphNode>;

function writeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-graph-'));
  for (const [path, text] of Object.entries({ 'dbt_project.yml': PROJECT_YML, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function depsOf(all: Map<string, GraphNode>): Map<string, string[]> {
  return new Map([...all.values()].map((node) => [node.id, node.deps]));
}

function names(ids: Iterable<string>): string[] {
  return [...ids].map((id) => id.split(':')[1] as string).sort();
}

beforeAll(async () => {
  root = writeProject(MODELS);
  const project = await loadProject(root);
  nodes = buildNodes({ project, vars: {} });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the DAG', () => {
  it('orders every model after the models it refs', () => {
    const order = topologicalOrder(depsOf(nodes));
    for (const node of nodes.values())
      for (const dep of node.deps) expect(order.indexOf(dep)).toBeLessThan(order.indexOf(node.id));
  });

  it('runs a model’s tests right after it, and before its children in a build', () => {
    const order = topologicalOrder(buildDeps(nodes, new Set(nodes.keys())));
    const at = (id: string) => order.indexOf(id);
    expect(at('test:unique_stg_sales_seq')).toBeGreaterThan(at('model:stg_sales'));
    expect(at('test:unique_stg_sales_seq')).toBeLessThan(at('model:int_sales_joined'));
  });

  it('holds a test that reads several models back only from the nodes downstream of all of them, as dbt does', async () => {
    const dir = writeProject({
      'models/a.sql': 'select 1 as k',
      'models/b.sql': 'select 1 as k',
      'models/only_a.sql': "select * from {{ ref('a') }}",
      'models/a_and_b.sql': "select * from {{ ref('a') }} join {{ ref('b') }} using (k)",
      'models/after_both.sql': "select * from {{ ref('only_a') }} join {{ ref('b') }} using (k)",
      'models/schema.yml':
        'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: k\n        data_tests: [unique]\n',
      'tests/assert_a_matches_b.sql': "select * from {{ ref('a') }} anti join {{ ref('b') }} using (k)",
    });
    try {
      const project = await loadProject(dir);
      const all = buildNodes({ project, vars: {} });
      const deps = buildDeps(all, new Set(all.keys()));
      const testsBefore = (model: string) =>
        names((deps.get(`model:${model}`) ?? []).filter((id) => id.startsWith('test:')));
      expect(testsBefore('only_a')).toEqual(['unique_a_k']);
      expect(testsBefore('a_and_b')).toEqual(['assert_a_matches_b', 'unique_a_k']);
      // Downstream of a (through only_a) and of b: the two-model test holds it back too.
      expect(testsBefore('after_both')).toEqual(['assert_a_matches_b', 'unique_a_k']);
      expect(testsBefore('b')).toEqual([]);
      const order = topologicalOrder(deps);
      expect(order.indexOf('test:assert_a_matches_b')).toBeLessThan(order.indexOf('model:a_and_b'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a cycle, listing its members in data-flow order', async () => {
    const dir = writeProject({
      'models/a.sql': "select * from {{ ref('c') }}",
      'models/b.sql': "select * from {{ ref('a') }}",
      'models/c.sql': "select * from {{ ref('b') }}",
    });
    try {
      const project = await loadProject(dir);
      const cyclic = buildNodes({ project, vars: {} });
      expect(() => topologicalOrder(depsOf(cyclic))).toThrow('dependency cycle: a -> b -> c -> a');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('selectNodes', () => {
  it('selects everything without a selector', () => {
    expect(selectNodes(nodes, undefined).size).toBe(nodes.size);
  });

  it('selects a model by name, with the tests attached to it', () => {
    expect(names(selectNodes(nodes, ['stg_sales']))).toEqual(['stg_sales', 'unique_stg_sales_seq']);
  });

  it('selects descendants with name+ and ancestors with +name', () => {
    expect(names(selectNodes(nodes, ['stg_items+']))).toEqual([
      'fct_revenue',
      'int_sales_joined',
      'rpt_items',
      'stg_items',
    ]);
    expect(names(selectNodes(nodes, ['+int_sales_joined']))).toEqual([
      'int_sales_joined',
      'stg_items',
      'stg_sales',
      'unique_stg_sales_seq',
    ]);
  });

  it('selects a test by name, alone', () => {
    expect(names(selectNodes(nodes, ['unique_stg_sales_seq']))).toEqual(['unique_stg_sales_seq']);
  });

  it('selects by tag and by path, and unions several selectors', () => {
    expect(names(selectNodes(nodes, ['tag:items']))).toEqual(['stg_items']);
    expect(names(selectNodes(nodes, ['models/marts/finance']))).toEqual(['fct_revenue']);
    expect(names(selectNodes(nodes, ['path:models/marts', 'stg_items']))).toEqual([
      'fct_revenue',
      'rpt_items',
      'stg_items',
    ]);
  });

  it('refuses a selector that matches nothing, or one it does not support', () => {
    expect(() => selectNodes(nodes, ['stg_nope'])).toThrow("the selector 'stg_nope' matches no node");
    expect(() => selectNodes(nodes, ['@stg_sales'])).toThrow("unsupported selector '@stg_sales'");
    expect(() => selectNodes(nodes, ['2+stg_sales'])).toThrow('unsupported selector');
  });
});
