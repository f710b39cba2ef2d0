// Jobs as data: the defaults, and overrides from a JSON file or LEDGERLINE_JOBS that are checked, not trusted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configureJobs, DEFAULT_JOBS } from './jobs.ts';

const dir = mkdtempSync(join(tmpdir(), 'ledgerline-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function settingsOf(jobs: ReturnType<typeof configureJobs>) {
  return jobs.map(({ id, cron, timeout_ms, enabled }) => ({ id, cron, timeout_ms, enabled }));
}

describe('jobs configuration', () => {
  it('defaults to an incremental refresh every minute, a full rebuild at 02:00 and depreciation monthly', () => {
    expect(settingsOf(configureJobs({}))).toEqual([
      { id: 'transform-incremental', cron: '* * * * *', timeout_ms: 120_000, enabled: true },
      { id: 'transform-full', cron: '0 2 * * *', timeout_ms: 1_800_000, enabled: true },
      { id: 'depreciation-monthly', cron: '0 3 1 * *', timeout_ms: 600_000, enabled: true },
    ]);
  });

  it('applies a file, then LEDGERLINE_JOBS over it, field by field', () => {
    const file = join(dir, 'jobs.json');
    writeFileSync(file, JSON.stringify({ 'transform-full': { cron: '30 3 * * 0', timeout_ms: 60_000 } }));
    const jobs = configureJobs({ file, json: '{"transform-full": {"enabled": false}}' });
    expect(settingsOf(jobs)[1]).toEqual({
      id: 'transform-full',
      cron: '30 3 * * 0',
      timeout_ms: 60_000,
      enabled: false,
    });
    expect(jobs[1]?.run).toBe(DEFAULT_JOBS[1]?.run);
  });

  it('refuses an unknown job, a bad cron expression, an unknown field and broken JSON', () => {
    expect(() => configureJobs({ json: '{"nightly": {"enabled": false}}' })).toThrow(
      expect.objectContaining({ code: 'unknown_job' }),
    );
    expect(() => configureJobs({ json: '{"transform-full": {"cron": "every night"}}' })).toThrow(
      /transform-full.cron: not a cron expression/,
    );
    expect(() => configureJobs({ json: '{"transform-full": {"retries": 3}}' })).toThrow(
      expect.objectContaining({ code: 'jobs_config_invalid' }),
    );
    expect(() => configureJobs({ json: '{' })).toThrow(/not valid JSON/);
    expect(() => configureJobs({ file: join(dir, 'missing.json') })).toThrow(
      expect.objectContaining({ code: 'jobs_config_not_found' }),
    );
  });
});
