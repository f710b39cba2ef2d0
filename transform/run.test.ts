// A run as a whole: failure isolation, history in meta, progress, one run at a time, cancellation, timeouts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransformError } from './errors.ts';
import { listRunNodes, listRuns, pruneRunHistory } from './history.ts';
import { runTransform } from './run.ts';
import { Session } from './session.ts';
import { type Fixture, openFixture, SALES_FACTS, statuses } from './test-fixture.ts';
import type { ProgressEvent, RunResult } from './types.ts';

const SLOW_TABLE = "{{ config(materialized='table') }}select count(*) as n from range(100000000000)";

let f: Fixture;
beforeEach(async () => {
  f = await openFixture({
    'models/sources.yml': 'version: 2\nsources:\n  - name: facts\n    tables:\n      - name: sales\n',
    'models/stg_sales.sql': "select * from {{ source('facts', 'sales') }}",
    'models/fct_qty.sql':
      "{{ config(materialized='table') }}select sum(qty) as qty from {{ ref('stg_sales') }}",
    'models/rpt_qty.sql':
      "{{ config(materialized='table') }}select qty * 2 as qty2 from {{ ref('fct_qty') }}",
    'models/rpt_after.sql': "select * from {{ ref('rpt_qty') }}",
    'models/dim_sku.sql': "{{ config(materialized='table') }}select distinct sku from {{ ref('stg_sales') }}",
  });
  await f.exec(SALES_FACTS);
  await f.exec("insert into facts.sales values (1, 'A', 2, 10.00), (7, 'B', 1, 5.50)");
});
afterEach(async () => {
  await f.dispose();
});

describe('runTransform', () => {
  it('records a failing model, skips its descendants, builds its siblings and keeps its previous table', async () => {
    await f.run();
    f.write({
      'models/fct_qty.sql':
        "{{ config(materialized='table') }}select sum(nope) as qty from {{ ref('stg_sales') }}",
    });
    const result = await f.run();
    expect(statuses(result)).toEqual({
      stg_sales: 'success',
      fct_qty: 'error',
      rpt_qty: 'skipped',
      rpt_after: 'skipped',
      dim_sku: 'success',
    });
    const byName = Object.fromEntries(result.nodes.map((node) => [node.node, node]));
    expect(byName.fct_qty?.error).toMatch(/nope/);
    expect(byName.rpt_after?.error).toBe("skipped because upstream 'fct_qty' did not succeed");
    expect(await f.rows('select qty::integer as qty from main.fct_qty')).toEqual([{ qty: 3 }]);
    expect(
      await f.rows(
        "select count(*)::integer as n from information_schema.tables where table_name like '%__ll_tmp'",
      ),
    ).toEqual([{ n: 0 }]);
    expect(result).toMatchObject({ status: 'failed', modelsOk: 2, modelsFailed: 1, modelsSkipped: 2 });
  });

  it('writes run history with the facts watermark, newest first', async () => {
    const first = await f.run();
    const second = await f.run({ select: ['dim_sku'], full: true });
    const runs = await listRuns(f.db, 10);
    expect(runs.map((run) => run.run_id)).toEqual([second.runId, first.runId]);
    expect(runs[0]).toMatchObject({
      command: 'build',
      mode: 'full',
      selector: 'dim_sku',
      status: 'success',
      models_ok: 1,
      models_failed: 0,
      models_skipped: 0,
      tests_failed: 0,
      last_fact_seq: '7',
    });
    const nodes = await listRunNodes(f.db, first.runId);
    expect(nodes.map((node) => [node.node, node.kind, node.materialized, node.status])).toEqual(
      first.nodes.map((node) => [node.node, 'model', node.materialized, 'success']),
    );
  });

  it('reports progress from start to end with a running index', async () => {
    const events: ProgressEvent[] = [];
    await f.run({ onProgress: (event) => events.push(event) });
    expect(events.map((event) => event.type)).toEqual([
      'start',
      'model',
      'model',
      'model',
      'model',
      'model',
      'end',
    ]);
    expect(events.map((event) => event.index)).toEqual([0, 1, 2, 3, 4, 5, 5]);
    expect(events.every((event) => event.total === 5)).toBe(true);
    expect(events.at(-1)?.status).toBe('success');
  });

  it('refuses a second run while one is running, or waits for it when asked', async () => {
    const project = await f.load();
    const first = runTransform(f.db, project);
    await expect(runTransform(f.db, project)).rejects.toMatchObject({ code: 'transform_already_running' });
    const waited = await runTransform(f.db, project, { whenBusy: 'wait' });
    expect((await first).status).toBe('success');
    expect(waited.status).toBe('success');
  });

  it('stops at an abort, marking the interrupted and remaining nodes cancelled', async () => {
    f.write({
      'models/aaa_slow.sql': SLOW_TABLE,
      'models/after_slow.sql': "select * from {{ ref('aaa_slow') }}",
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await f.run({ signal: controller.signal });
    expect(result.status).toBe('cancelled');
    // The slow model was interrupted and its child never started; the rest ran before the abort or not at all.
    expect(statuses(result)).toMatchObject({ aaa_slow: 'cancelled', after_slow: 'cancelled' });
    expect(result.nodes.every((node) => ['success', 'cancelled'].includes(node.status))).toBe(true);
    expect((await listRuns(f.db, 1))[0]?.status).toBe('cancelled');
  });

  it('interrupts a model that runs past the timeout and goes on with the others', async () => {
    f.write({ 'models/aaa_slow.sql': SLOW_TABLE });
    const result = await f.run({ modelTimeoutMs: 200 });
    const slow = result.nodes.find((node) => node.node === 'aaa_slow');
    expect(slow?.status).toBe('error');
    expect(slow?.error).toBe('aaa_slow ran longer than 200 ms and was interrupted');
    expect(statuses(result).rpt_after).toBe('success');
  });

  it('throws a cycle before running anything, and records no run', async () => {
    f.write({ 'models/stg_sales.sql': "select * from {{ ref('rpt_after') }}" });
    await expect(f.run()).rejects.toThrow(TransformError);
    await expect(f.run()).rejects.toThrow(/dependency cycle: .*stg_sales/);
    expect(await listRuns(f.db, 5)).toEqual([]);
  });

  it('runs tests on their lanes beside the models with the outcome of a run one node at a time', async () => {
    f.write({
      'models/schema.yml': `version: 2
models:
  - name: fct_qty
    columns:
      - name: qty
        data_tests: [not_null, unique]
  - name: dim_sku
    columns:
      - name: sku
        data_tests: [not_null, unique, {accepted_values: {values: ['A']}}]
  - name: stg_sales
    columns:
      - name: sku
        data_tests: [not_null]
`,
      'models/rpt_skus.sql': "{{ config(materialized='table') }}select * from {{ ref('dim_sku') }}",
      'tests/assert_qty_positive.sql': "select * from {{ ref('rpt_qty') }} where qty2 <= 0",
    });
    const serial = await f.run({ testLanes: 0, modelLanes: 1 });
    const laned = await f.run({ testLanes: 3 });
    const outcome = (result: typeof serial) =>
      result.nodes.map((node) => [node.node, node.status, node.rows]);
    expect(outcome(laned)).toEqual(outcome(serial));
    // The failing accepted_values test on dim_sku ('B' is not accepted) stops rpt_skus in both.
    expect(statuses(laned)).toMatchObject({ dim_sku: 'success', rpt_skus: 'skipped', rpt_after: 'success' });
    expect(laned.nodes.find((node) => node.node === 'rpt_skus')?.error).toMatch(
      /accepted_values_dim_sku_sku/,
    );
    expect(laned.testsFailed).toBe(1);
    const history = await listRunNodes(f.db, laned.runId);
    expect(history.map((node) => node.node)).toEqual(laned.nodes.map((node) => node.node));
  });

  it('leaves a view and a seed it built from the same definition as they are, until one changes', async () => {
    f.write({ 'seeds/skus.csv': 'sku,label\nA,Alpha\n' });
    const oids = async () =>
      Object.fromEntries(
        (
          await f.rows(
            `select view_name as name, view_oid::varchar as oid from duckdb_views() where view_name in ('stg_sales', 'rpt_after')
             union all select table_name, table_oid::varchar from duckdb_tables() where table_name in ('skus', 'fct_qty')`,
          )
        ).map((row) => [row.name, row.oid]),
      );
    const first = await f.run();
    const built = await oids();
    const second = await f.run();
    expect(statuses(second)).toEqual(statuses(first));
    expect(second.nodes.find((node) => node.node === 'skus')?.rows).toBe(1);
    // Nothing they read changed: the table model stands as well as the views and the seed.
    expect(await oids()).toEqual(built);
    expect(second.nodes.filter((node) => !node.unchanged)).toEqual([]);
    await f.exec("insert into facts.sales values (9, 'C', 4, 1.00)");
    const grown = await f.run();
    const after = await oids();
    // New facts: the table over them is built again; the views and the seed still stand.
    expect(after).toEqual({ ...built, fct_qty: after.fct_qty });
    expect(after.fct_qty).not.toBe(built.fct_qty);
    expect(grown.nodes.filter((node) => !node.unchanged).map((node) => node.node)).toEqual([
      'dim_sku',
      'fct_qty',
      'rpt_qty',
    ]);
    f.write({
      'seeds/skus.csv': 'sku,label\nA,Alpha\nB,Beta\n',
      'models/rpt_after.sql': "select qty2 from {{ ref('rpt_qty') }}",
    });
    const changed = await f.run();
    expect(changed.nodes.find((node) => node.node === 'skus')?.rows).toBe(2);
    const rebuilt = await oids();
    expect([rebuilt.skus, rebuilt.rpt_after]).not.toContain(after.skus);
    expect(rebuilt.rpt_after).not.toBe(after.rpt_after);
    expect(rebuilt.stg_sales).toBe(after.stg_sales);
    await f.run({ full: true });
    expect((await oids()).stg_sales).not.toBe(after.stg_sales);
  });

  it('prunes runs past the retention beyond the newest kept, with their nodes', async () => {
    const kept = await f.run();
    const old = await f.run();
    const ancient = await f.run();
    const aged = (run: RunResult, days: number) =>
      f.exec(
        `update meta.transform_runs set started_at = now() - interval ${days} day where run_id = '${run.runId}'`,
      );
    await aged(old, 40);
    await aged(ancient, 400);
    const session = new Session(await f.db.instance.connect(), 60_000, undefined);
    try {
      // The newest two always stay, however old; the third goes, nodes and all.
      await pruneRunHistory(session, f.db, true, 2);
    } finally {
      session.connection.closeSync();
    }
    const runs = await f.rows('select run_id from meta.transform_runs order by started_at desc');
    expect(runs.map((run) => run.run_id)).toEqual([kept.runId, old.runId]);
    expect(await listRunNodes(f.db, ancient.runId)).toEqual([]);
    expect((await listRunNodes(f.db, old.runId)).length).toBe(old.nodes.length);
  });

  it('marks a run left running by a dead process as abandoned', async () => {
    await f.run();
    await f.exec("update meta.transform_runs set status = 'running'");
    await f.run();
    expect((await listRuns(f.db, 5)).map((run) => run.status)).toEqual(['success', 'abandoned']);
  });
});
