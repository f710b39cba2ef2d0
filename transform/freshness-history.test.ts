// What the scheduler and the API read from run history: a run by id, the marts' watermark, the facts' watermark.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { factsWatermark, getRun, lastCompleteRun } from './history.ts';
import { runTransform } from './run.ts';
import { type Fixture, openFixture, SALES_FACTS } from './test-fixture.ts';

const SLOW_TABLE = "{{ config(materialized='table') }}select count(*) as n from range(100000000000)";

let f: Fixture;
beforeEach(async () => {
  f = await openFixture({
    'models/sources.yml': 'version: 2\nsources:\n  - name: facts\n    tables:\n      - name: sales\n',
    'models/stg_sales.sql': "select * from {{ source('facts', 'sales') }}",
    'models/fct_qty.sql':
      "{{ config(materialized='table') }}select sum(qty) as qty from {{ ref('stg_sales') }}",
  });
  await f.exec(SALES_FACTS);
  await f.exec("insert into facts.sales values (1, 'A', 2, 10.00), (7, 'B', 1, 5.50)");
});
afterEach(async () => {
  await f.dispose();
});

describe('run history for freshness', () => {
  it('reads the facts watermark without a run, and null history before the first run', async () => {
    expect(await factsWatermark(f.db)).toBe('7');
    expect(await lastCompleteRun(f.db)).toBeNull();
    expect(await getRun(f.db, 'nope')).toBeNull();
  });

  it('records a run under the id the caller chose and reads it back', async () => {
    const result = await f.run({ runId: 'chosen-id' });
    expect(result.runId).toBe('chosen-id');
    expect(await getRun(f.db, 'chosen-id')).toMatchObject({ status: 'success', last_fact_seq: '7' });
  });

  it('takes the marts watermark from the newest run that rebuilt every model, not from a selected one', async () => {
    const complete = await f.run();
    await f.exec("insert into facts.sales values (9, 'C', 4, 1.00)");
    await f.run({ select: ['fct_qty'] });
    expect(await lastCompleteRun(f.db)).toMatchObject({ run_id: complete.runId, last_fact_seq: '7' });
    f.write({
      'models/fct_qty.sql': "{{ config(materialized='table') }}select nope from {{ ref('stg_sales') }}",
    });
    await f.run();
    expect((await lastCompleteRun(f.db))?.run_id).toBe(complete.runId);
  });

  it('gives up waiting for a busy runner when its signal aborts, and records nothing for itself', async () => {
    f.write({ 'models/aaa_slow.sql': SLOW_TABLE });
    const project = await f.load();
    const busy = new AbortController();
    const first = runTransform(f.db, project, { signal: busy.signal });
    const waiting = new AbortController();
    setTimeout(() => waiting.abort(), 100);
    await expect(
      runTransform(f.db, project, { whenBusy: 'wait', signal: waiting.signal, runId: 'ghost' }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    busy.abort();
    expect((await first).status).toBe('cancelled');
    expect(await getRun(f.db, 'ghost')).toBeNull();
  });
});
