// The jobs area: the scheduled jobs with their next run, the refresher's state, and recent job runs.
import { z } from 'zod';
import { JOB_RUNS_LIST_MAX, type Schedules } from '../schedules/index.ts';
import { FINANCE_ROLES } from './env.ts';
import { type Area, route } from './route.ts';
import { JobsOverview } from './transform-shapes.ts';

export const JobsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(JOB_RUNS_LIST_MAX).default(20),
  job: z.string().min(1).max(100).optional(),
});

export function jobsArea(schedules: Schedules): Area {
  const routes = [
    route({
      method: 'get',
      path: '/',
      id: 'listJobs',
      summary: 'Scheduled jobs (cron, timeout, next run), the freshness refresher, and recent job runs',
      access: FINANCE_ROLES,
      query: JobsQuery,
      responses: { 200: { description: 'jobs and runs', schema: JobsOverview } },
      handle: async (c, { query }) =>
        c.json({
          scheduler_running: schedules.started,
          jobs: schedules.scheduler.describe(),
          refresher: schedules.refresher.state(),
          runs: await schedules.history.list(query.limit, query.job),
        }),
    }),
  ];
  return { prefix: '/api/v1/jobs', tag: 'jobs', routes };
}
