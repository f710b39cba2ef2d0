// Scheduled exports as data: which report, its parameters (relative periods such as `last_month` resolved
// against the run's clock), the format, the target folder and the cron. Each run writes one file, whole or
// not at all (a partial file renamed into place), and is recorded with the other job runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'node-cron';
import { z } from 'zod';
import { LedgerError, zodFieldErrors } from '../ingest/index.ts';
import { getReport, REPORT_IDS, renderCsv, runReport } from '../reports/index.ts';
import { writeWhole } from '../reports/write-whole.ts';
import { renderWorkbook } from '../reports/xlsx/workbook.ts';
import { readFreshness } from './freshness.ts';
import type { Job, JobContext, JobOutcome } from './jobs.ts';
import { EXPORT_JOB_TIMEOUT_MS, EXPORT_JOBS_MAX, JOB_TIMEOUT_MS_MAX } from './limits.ts';

/** Ranges relative to the day a job runs; `period` in an export's parameters takes one of these. */
export const RELATIVE_PERIODS = [
  'last_month',
  'this_month',
  'last_quarter',
  'last_year',
  'year_to_date',
] as const;
/** Days relative to the day a job runs, for `as_of`. */
export const RELATIVE_DAYS = ['today', 'yesterday', 'end_of_last_month', 'end_of_last_year'] as const;

export const ExportJobSpec = z.strictObject({
  id: z
    .string()
    .regex(
      /^export-[a-z0-9-]{1,60}$/,
      'an export job id is export- followed by lowercase letters, digits and -',
    ),
  cron: z.string().refine((text) => validate(text), 'not a cron expression (minute hour day month weekday)'),
  timeout_ms: z.number().int().min(1).max(JOB_TIMEOUT_MS_MAX).default(EXPORT_JOB_TIMEOUT_MS),
  enabled: z.boolean().default(true),
  timezone: z.string().min(1).optional(),
  report: z.enum(REPORT_IDS as [string, ...string[]]),
  /** Report parameters; `period` (a RELATIVE_PERIODS name) becomes from/to, `as_of` may be a RELATIVE_DAYS name. */
  params: z.record(z.string(), z.string()).default({}),
  format: z.enum(['xlsx', 'csv']),
  folder: z.string().min(1),
});
export type ExportJobSpec = z.infer<typeof ExportJobSpec>;
export const ExportJobSpecs = z.array(ExportJobSpec).max(EXPORT_JOBS_MAX);

/** Parses the `exports` list of a jobs configuration; `origin` names it in errors. */
export function parseExportJobs(value: unknown, origin: string): ExportJobSpec[] {
  const parsed = ExportJobSpecs.safeParse(value);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error);
    const where = errors.map((item) => `exports.${item.path}: ${item.message}`).join('; ');
    throw new LedgerError('invalid', 'jobs_config_invalid', `${origin}: ${where}`, errors);
  }
  const ids = parsed.data.map((spec) => spec.id);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0)
    throw new LedgerError(
      'invalid',
      'jobs_config_invalid',
      `${origin}: export job ${repeated[0]} is named twice`,
    );
  return parsed.data;
}

export function exportJob(spec: ExportJobSpec): Job {
  return {
    id: spec.id,
    description: `exports ${spec.report} as ${spec.format} to ${spec.folder} (${describeParams(spec.params)})`,
    cron: spec.cron,
    timeout_ms: spec.timeout_ms,
    enabled: spec.enabled,
    ...(spec.timezone ? { timezone: spec.timezone } : {}),
    run: (context) => runExport(spec, context),
  };
}

function describeParams(params: Record<string, string>): string {
  const entries = Object.entries(params);
  return entries.length === 0 ? 'no parameters' : entries.map(([key, value]) => `${key}=${value}`).join(', ');
}

async function runExport(spec: ExportJobSpec, context: JobContext): Promise<JobOutcome> {
  const today = localDate(context.now, context.timezone);
  const params = resolveParams(spec.report, spec.params, today);
  const db = context.ledger.db;
  const result = await runReport(db, spec.report, params);
  context.signal.throwIfAborted();
  const stamp = [params.from, params.to ?? params.as_of].filter(Boolean).join('_') || today;
  const file = join(spec.folder, `${spec.report}_${stamp}.${spec.format}`);
  let body: Uint8Array | string;
  if (spec.format === 'csv') {
    body = renderCsv(result);
  } else {
    const freshness = await readFreshness(db);
    body = await renderWorkbook(db, result, {
      company: context.ledger.state.settings.companyName,
      generatedAt: context.now.toISOString(),
      refreshedAt: freshness.refreshed_at,
      lastFactSeq: freshness.last_fact_seq,
    });
  }
  mkdirSync(spec.folder, { recursive: true });
  await writeWhole(file, async (partial) => writeFileSync(partial, body));
  return { status: 'success', detail: `${result.rows.length} rows → ${file}` };
}

/** The run's calendar day in the job's time zone (the process's own when unset). */
function localDate(now: Date, timezone?: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The report's parameters with the relative names replaced by dates, as of `today` (YYYY-MM-DD). */
export function resolveParams(
  report: string,
  params: Record<string, string>,
  today: string,
): Record<string, string> {
  const { period, ...rest } = params;
  const resolved: Record<string, string> = { ...rest };
  if (period !== undefined) {
    const range = relativeRange(period, today);
    // A report that takes a range gets the range; one that takes a balance date (as_of) gets its last day.
    const takesRange = getReport(report).params.safeParse({ ...rest, ...range }).success;
    if (takesRange) Object.assign(resolved, range);
    else resolved.as_of = range.to;
  }
  if (resolved.as_of !== undefined) resolved.as_of = relativeDay(resolved.as_of, today);
  return resolved;
}

/** An ISO date from year, month and day, any of them out of range rolling over (day 0 is the month before's last). */
function day(year: number, month: number, dayOfMonth: number): string {
  return new Date(Date.UTC(year, month - 1, dayOfMonth)).toISOString().slice(0, 10);
}

function relativeRange(name: string, today: string): { from: string; to: string } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  switch (name) {
    case 'last_month':
      return { from: day(year, month - 1, 1), to: day(year, month, 0) };
    case 'this_month':
      return { from: day(year, month, 1), to: today };
    case 'last_quarter': {
      const quarterStart = month - ((month - 1) % 3);
      return { from: day(year, quarterStart - 3, 1), to: day(year, quarterStart, 0) };
    }
    case 'last_year':
      return { from: day(year - 1, 1, 1), to: day(year - 1, 12, 31) };
    case 'year_to_date':
      return { from: day(year, 1, 1), to: today };
    default:
      throw new LedgerError(
        'invalid',
        'unknown_relative_period',
        `period ${name} is not one of ${RELATIVE_PERIODS.join(', ')}`,
      );
  }
}

function relativeDay(value: string, today: string): string {
  const [year, month, dayOfMonth] = today.split('-').map(Number) as [number, number, number];
  switch (value) {
    case 'today':
      return today;
    case 'yesterday':
      return day(year, month, dayOfMonth - 1);
    case 'end_of_last_month':
      return day(year, month, 0);
    case 'end_of_last_year':
      return day(year - 1, 12, 31);
    default:
      return value;
  }
}
