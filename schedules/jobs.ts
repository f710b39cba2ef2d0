// The scheduled jobs as data: id, cron expression, timeout, enabled, and what to run; overridable from JSON.
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { validate } from 'node-cron';
import { z } from 'zod';
import { type Ledger, LedgerError, zodFieldErrors } from '../ingest/index.ts';
import { MODEL_TIMEOUT_MS, type RunOptions, type RunResult, TransformError } from '../transform/index.ts';
import { depreciationJob } from './depreciation-job.ts';
import { type ExportJobSpec, exportJob, parseExportJobs } from './export-jobs.ts';
import { readFreshness } from './freshness.ts';
import {
  DEPRECIATION_JOB_TIMEOUT_MS,
  FULL_JOB_TIMEOUT_MS,
  INCREMENTAL_JOB_TIMEOUT_MS,
  JOB_TIMEOUT_MS_MAX,
  JOBS_FILE_BYTES_MAX,
} from './limits.ts';
import type { TransformService } from './transforms.ts';

/** What a configuration may set for a job; `timezone` is an IANA name, the process's own zone by default. */
export const JobSettings = z.strictObject({
  cron: z.string().refine((text) => validate(text), 'not a cron expression (minute hour day month weekday)'),
  timeout_ms: z.number().int().min(1).max(JOB_TIMEOUT_MS_MAX),
  enabled: z.boolean(),
  timezone: z.string().min(1).optional(),
});
export type JobSettings = z.infer<typeof JobSettings>;

/** A configuration file: `{ "<job id>": { "cron"?, "timeout_ms"?, "enabled"?, "timezone"? } }`. */
export const JobOverrides = z.record(z.string(), JobSettings.partial());
export type JobOverrides = z.infer<typeof JobOverrides>;

export interface JobContext {
  /** Aborts at the job's timeout or at shutdown; a job must stop soon after. */
  signal: AbortSignal;
  timeoutMs: number;
  transforms: TransformService;
  /** The write path, for jobs that post (the depreciation run). */
  ledger: Ledger;
  /** When the run started: jobs that work on "the previous month" read the clock from here, never on their own. */
  now: Date;
  /** The job's time zone (IANA), the process's own when unset: the zone its cron expression is read in. */
  timezone?: string;
}

export interface JobOutcome {
  status: 'success' | 'failed' | 'skipped';
  detail: string | null;
  transformRunId?: string | null;
}

export interface Job extends JobSettings {
  id: string;
  description: string;
  /** The job rebuilds marts: `serve --no-refresh` leaves it unscheduled (it can still be run by hand). */
  refreshesMarts?: boolean;
  run(context: JobContext): Promise<JobOutcome>;
}

export const DEFAULT_JOBS: readonly Job[] = [
  {
    id: 'transform-incremental',
    description:
      'incremental dbt build of the marts (models and tests); skipped while another transform runs',
    cron: '* * * * *',
    timeout_ms: INCREMENTAL_JOB_TIMEOUT_MS,
    enabled: true,
    refreshesMarts: true,
    run: async (context) => {
      // An idle ledger costs nothing: no new facts since the last build that ran the tests, nothing to do.
      if ((await readFreshness(context.transforms.db, ['build'])).is_fresh)
        return {
          status: 'skipped',
          detail: 'no new facts since the last build; marts and tests are current',
        };
      return transformJob(context, { full: false, whenBusy: 'throw' });
    },
  },
  {
    id: 'transform-full',
    description:
      'full rebuild of the marts from the facts (dbt build --full-refresh); waits for a running transform',
    cron: '0 2 * * *',
    timeout_ms: FULL_JOB_TIMEOUT_MS,
    enabled: true,
    refreshesMarts: true,
    run: (context) => transformJob(context, { full: true, whenBusy: 'wait' }),
  },
  {
    id: 'depreciation-monthly',
    description:
      'posts the depreciation of the previous month for every asset owing it (user scheduler, ' +
      'Idempotency-Key depreciation-run:YYYY-MM); nothing owed or a closed period is recorded, not retried',
    cron: '0 3 1 * *',
    timeout_ms: DEPRECIATION_JOB_TIMEOUT_MS,
    enabled: true,
    run: depreciationJob,
  },
];

async function transformJob(context: JobContext, options: RunOptions): Promise<JobOutcome> {
  let result: RunResult;
  try {
    result = await context.transforms.run({
      ...options,
      runId: randomUUID(),
      signal: context.signal,
      modelTimeoutMs: Math.min(context.timeoutMs, MODEL_TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof TransformError && error.code === 'transform_already_running')
      return { status: 'skipped', detail: 'another transform was running; it refreshes the marts' };
    throw error;
  }
  const detail =
    `${result.status}: ${result.modelsOk} models built, ${result.modelsFailed} failed, ` +
    `${result.modelsSkipped} skipped, ${result.testsFailed} tests failed`;
  return { status: result.status === 'success' ? 'success' : 'failed', detail, transformRunId: result.runId };
}

/** The jobs with `overrides` applied; an override naming no job is refused, so a typo cannot go unnoticed. */
export function applyJobOverrides(jobs: readonly Job[], overrides: JobOverrides): Job[] {
  const ids = new Set(jobs.map((job) => job.id));
  const unknown = Object.keys(overrides).filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new LedgerError(
      'invalid',
      'unknown_job',
      `no job named ${unknown.join(', ')}; jobs are ${[...ids].join(', ')}`,
    );
  }
  return jobs.map((job) => ({ ...job, ...overrides[job.id] }));
}

/** Parses a JSON configuration (file contents or LEDGERLINE_JOBS); `origin` names it in errors. */
export function parseJobOverrides(text: string, origin: string): JobOverrides {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerError('invalid', 'jobs_config_invalid', `${origin} is not valid JSON`);
  }
  const parsed = JobOverrides.safeParse(value);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error);
    const where = errors.map((item) => `${item.path}: ${item.message}`).join('; ');
    throw new LedgerError('invalid', 'jobs_config_invalid', `${origin}: ${where}`, errors);
  }
  return parsed.data;
}

export interface JobConfigSources {
  /** A JSON file (`serve --jobs FILE` or LEDGERLINE_JOBS_FILE). */
  file?: string;
  /** Inline JSON (LEDGERLINE_JOBS), applied over the file. */
  json?: string;
}

/**
 * The default jobs with the file's overrides, then the inline ones; an `exports` list in either adds
 * scheduled exports (export-jobs.ts).
 */
export function configureJobs(sources: JobConfigSources, jobs: readonly Job[] = DEFAULT_JOBS): Job[] {
  let configured = [...jobs];
  for (const [text, origin] of [
    [sources.file ? readConfigFile(sources.file) : undefined, sources.file],
    [sources.json, 'LEDGERLINE_JOBS'],
  ] as const) {
    if (text === undefined || origin === undefined) continue;
    const { overrides, exports } = parseJobsConfig(text, origin);
    const added = exports.map(exportJob);
    const taken = new Set(configured.map((job) => job.id));
    const clash = added.find((job) => taken.has(job.id));
    if (clash)
      throw new LedgerError('invalid', 'jobs_config_invalid', `${origin}: job ${clash.id} exists already`);
    configured = applyJobOverrides([...configured, ...added], overrides);
  }
  return configured;
}

/** A configuration: overrides by job id, and optionally `exports`, a list of scheduled exports. */
function parseJobsConfig(
  text: string,
  origin: string,
): { overrides: JobOverrides; exports: ExportJobSpec[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerError('invalid', 'jobs_config_invalid', `${origin} is not valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { overrides: parseJobOverrides(text, origin), exports: [] };
  const { exports, ...overrides } = value as Record<string, unknown>;
  return {
    overrides: parseJobOverrides(JSON.stringify(overrides), origin),
    exports: exports === undefined ? [] : parseExportJobs(exports, origin),
  };
}

function readConfigFile(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new LedgerError('not_found', 'jobs_config_not_found', `there is no jobs configuration at ${path}`);
  }
  if (size > JOBS_FILE_BYTES_MAX)
    throw new LedgerError(
      'too_large',
      'jobs_config_too_large',
      `${path} exceeds ${JOBS_FILE_BYTES_MAX} bytes`,
    );
  return readFileSync(path, 'utf8');
}
