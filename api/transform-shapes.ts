// Shapes of the transforms, freshness and jobs responses, for the OpenAPI document (the handlers build the bodies).
import { z } from 'zod';

const Timestamp = z.string().describe('ISO 8601 timestamp, UTC');
const Seq = z.string().regex(/^\d+$/).describe('a fact sequence number, as a decimal string');

export const Freshness = z
  .object({
    refreshed_at: Timestamp.nullable().describe('when the newest run that rebuilt every model finished'),
    last_fact_seq: Seq.nullable().describe('the highest fact seq the marts reflect'),
    ledger_seq: Seq.nullable().describe('the highest fact seq in the ledger'),
    lag_seq: z.number().int().describe('sequence numbers the marts are behind; 0 when fresh'),
    is_fresh: z.boolean(),
  })
  .describe('how fresh the marts are; `fresh=true` refreshes them first');

export const TransformRun = z.object({
  run_id: z.string(),
  command: z.enum(['build', 'run', 'test']),
  mode: z.enum(['full', 'incremental']),
  selector: z.string().nullable(),
  status: z.enum(['running', 'success', 'failed', 'cancelled', 'abandoned']),
  started_at: Timestamp,
  finished_at: Timestamp.nullable(),
  models_ok: z.number().int(),
  models_failed: z.number().int(),
  models_skipped: z.number().int(),
  tests_failed: z.number().int(),
  last_fact_seq: Seq.nullable(),
});
export const TransformRunList = z.object({ rows: z.array(TransformRun) });

export const TransformNode = z.object({
  node: z.string(),
  kind: z.enum(['model', 'seed', 'test']),
  materialized: z.string().nullable(),
  status: z.enum(['success', 'error', 'skipped', 'cancelled', 'pass', 'fail', 'warn']),
  rows: z.number().int().nullable().describe('rows built or inserted; failing rows for a test'),
  duration_ms: z.number().int(),
  error: z.string().nullable(),
  failing_rows_sample: z.array(z.record(z.string(), z.unknown())).nullable(),
  test_scope: z.string().nullable().describe('the filter that scoped a test to new rows; null: whole tables'),
  unchanged: z
    .boolean()
    .describe('nothing it reads had changed since its last run in this process, so it stood as it was'),
  finished_at: Timestamp,
});
export const TransformRunDetail = TransformRun.extend({ nodes: z.array(TransformNode) });

export const TransformRunStarted = z.object({
  run_id: z.string(),
  status: z.literal('running'),
  command: z.enum(['build', 'run', 'test']),
  mode: z.enum(['full', 'incremental']),
  selector: z.string().nullable(),
  location: z.string().describe('poll it for the status and the nodes done so far'),
});

const JobView = z.object({
  id: z.string(),
  description: z.string(),
  cron: z.string(),
  timezone: z.string().nullable(),
  timeout_ms: z.number().int(),
  enabled: z.boolean(),
  is_scheduled: z.boolean(),
  is_running: z.boolean(),
  next_run_at: Timestamp.nullable(),
});
const JobRun = z.object({
  job_run_id: z.string(),
  job_id: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  status: z.enum(['running', 'success', 'failed', 'timeout', 'cancelled', 'skipped', 'abandoned']),
  started_at: Timestamp,
  finished_at: Timestamp.nullable(),
  duration_ms: z.number().int().nullable(),
  transform_run_id: z.string().nullable(),
  detail: z.string().nullable(),
});
const RefresherState = z.object({
  is_listening: z.boolean(),
  is_pending: z.boolean(),
  is_running: z.boolean(),
  debounce_ms: z.number().int(),
  max_wait_ms: z.number().int(),
  last_run_id: z.string().nullable(),
  last_status: z.string().nullable(),
  last_finished_at: Timestamp.nullable(),
  last_error: z.string().nullable(),
});
export const JobsOverview = z.object({
  scheduler_running: z.boolean(),
  jobs: z.array(JobView),
  refresher: RefresherState,
  runs: z.array(JobRun).describe('newest first'),
});
