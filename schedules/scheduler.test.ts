// The scheduler: cron ticks, one run per job at a time, transforms never overlapping, timeouts recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listRuns } from '../transform/index.ts';
import { JobHistory } from './job-history.ts';
import { DEFAULT_JOBS, type Job } from './jobs.ts';
import { Scheduler } from './scheduler.ts';
import { controllableJob, openTestSchedules, postJournal, type TestSchedules } from './testing.ts';

let t: TestSchedules;
let scheduler: Scheduler | undefined;
beforeEach(async () => {
  t = await openTestSchedules();
});
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  await t.dispose();
});

function schedulerFor(jobs: Job[], abortGraceMs?: number): Scheduler {
  scheduler = new Scheduler({
    jobs,
    transforms: t.schedules.transforms,
    ledger: t.ledger,
    history: new JobHistory(t.ledger.db),
    abortGraceMs,
    log: () => {},
  });
  return scheduler;
}

async function historyOf(jobId: string) {
  return new JobHistory(t.ledger.db).list(50, jobId);
}

describe('Scheduler', () => {
  it('runs an enabled job on its cron expression and records the run', async () => {
    const ticks = controllableJob('every-second', { cron: '* * * * * *' });
    const idle = controllableJob('disabled', { cron: '* * * * * *', enabled: false });
    const s = schedulerFor([ticks.job, idle.job]);
    s.start();
    expect(s.describe().map((job) => [job.id, job.is_scheduled])).toEqual([
      ['every-second', true],
      ['disabled', false],
    ]);
    await expect.poll(() => ticks.starts(), { timeout: 3_000 }).toBe(1);
    ticks.finish();
    await expect
      .poll(async () => (await historyOf('every-second'))[0]?.status, { timeout: 3_000 })
      .toBe('success');
    expect((await historyOf('every-second'))[0]).toMatchObject({ trigger: 'schedule', detail: 'done' });
    expect(idle.starts()).toBe(0);
  });

  it('skips a job whose previous run is still going, and records the skip', async () => {
    const slow = controllableJob('slow');
    const s = schedulerFor([slow.job]);
    const first = s.runJob('slow');
    const second = await s.runJob('slow');
    expect(second).toMatchObject({
      status: 'skipped',
      detail: 'the previous run of this job is still going',
    });
    slow.finish();
    expect((await first).status).toBe('success');
    expect(slow.starts()).toBe(1);
    expect((await historyOf('slow')).map((run) => run.status).sort()).toEqual(['skipped', 'success']);
  });

  it('stops a job at its timeout and records it as timed out', async () => {
    const stuck = controllableJob('stuck', { timeout_ms: 150 });
    const run = await schedulerFor([stuck.job]).runJob('stuck');
    expect(run.status).toBe('timeout');
    expect(run.duration_ms).toBeGreaterThanOrEqual(140);
    expect((await historyOf('stuck'))[0]).toMatchObject({ status: 'timeout', detail: 'aborted' });
  });

  it('records a timeout even when the job ignores its abort, after the grace time', async () => {
    const deaf = controllableJob('deaf', { timeout_ms: 100 }, false);
    const run = await schedulerFor([deaf.job], 100).runJob('deaf');
    expect(run).toMatchObject({ status: 'timeout', detail: 'still running 100 ms after it was aborted' });
  });

  it('records a job that throws as failed, with the message', async () => {
    const broken: Job = {
      ...controllableJob('broken').job,
      run: async () => Promise.reject(new Error('boom')),
    };
    expect(await schedulerFor([broken]).runJob('broken')).toMatchObject({ status: 'failed', detail: 'boom' });
  });

  it('never runs two transforms at once: the incremental job skips while the full one runs', async () => {
    const s = schedulerFor([...DEFAULT_JOBS]);
    const full = s.runJob('transform-full');
    // Loading and planning the whole project comes before the run is recorded: most of a second on a busy
    // machine, so the default poll of one second is too short to see it start.
    await expect
      .poll(async () => (await listRuns(t.ledger.db, 1))[0]?.status, { timeout: 10_000 })
      .toBe('running');
    const incremental = await s.runJob('transform-incremental');
    expect(incremental).toMatchObject({
      status: 'skipped',
      detail: 'another transform was running; it refreshes the marts',
    });
    const done = await full;
    expect(done.status).toBe('success');
    const runs = await listRuns(t.ledger.db, 10);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ run_id: done.transform_run_id, mode: 'full', status: 'success' });
  }, 60_000);

  it('skips the incremental job when no fact arrived since the last build, and runs it after a posting', async () => {
    const s = schedulerFor([...DEFAULT_JOBS]);
    expect((await s.runJob('transform-incremental')).status).toBe('success');
    expect(await s.runJob('transform-incremental')).toMatchObject({
      status: 'skipped',
      detail: 'no new facts since the last build; marts and tests are current',
    });
    await postJournal(t.ledger);
    expect((await s.runJob('transform-incremental')).status).toBe('success');
    expect(await listRuns(t.ledger.db, 10)).toHaveLength(2);
  }, 60_000);

  it('stops a transform job past its timeout and records both the job and the run', async () => {
    const jobs = DEFAULT_JOBS.map((job) => (job.id === 'transform-full' ? { ...job, timeout_ms: 50 } : job));
    const run = await schedulerFor(jobs).runJob('transform-full');
    expect(run.status).toBe('timeout');
    const [transform] = await listRuns(t.ledger.db, 1);
    expect(transform).toMatchObject({
      run_id: run.transform_run_id ?? expect.any(String),
      status: 'cancelled',
    });
  }, 60_000);

  it('cancels running jobs at stop and records them as cancelled', async () => {
    const long = controllableJob('long');
    const s = schedulerFor([long.job]);
    const run = s.runJob('long');
    await expect.poll(() => long.starts()).toBe(1);
    await s.stop();
    expect((await run).status).toBe('cancelled');
  });

  it('prunes job runs past the retention beyond the newest kept', async () => {
    const history = new JobHistory(t.ledger.db);
    await history.open();
    const run = (id: string, daysAgo: number) =>
      history.started({
        job_run_id: id,
        job_id: 'nightly',
        trigger: 'schedule',
        status: 'success',
        started_at: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
        finished_at: null,
        duration_ms: 1,
        transform_run_id: null,
        detail: null,
      });
    await run('today', 0);
    await run('last-quarter', 90);
    await run('last-year', 365);
    await history.pruneNow(true, 1);
    expect((await history.list(10)).map((row) => row.job_run_id)).toEqual(['today']);
    await history.close();
  });
});
