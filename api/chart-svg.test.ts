// format=svg: a report's chart drawn on the server, with the marks its data calls for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journal, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi();
  for (const date of ['2025-01-15', '2025-02-15', '2025-03-15']) {
    expect((await api.call('POST', '/api/v1/journals', { body: journal({ date }) })).status).toBe(201);
  }
  expect((await api.call('GET', '/api/v1/reports/executive-kpis?period=2025-03&fresh=true')).status).toBe(
    200,
  );
});
afterAll(() => api.close());

describe('GET /api/v1/reports/:id?format=svg', () => {
  it('draws the chart of a report as SVG, marks and axis labels included', async () => {
    const response = await api.call(
      'GET',
      '/api/v1/reports/executive-kpis?period=2025-03&months=3&format=svg',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await response.text();
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/role-mark/g)?.length ?? 0).toBeGreaterThan(0);
    expect(svg).toContain('2025-02');
  });

  it('refuses format=svg on a report without a chart', async () => {
    const response = await api.call('GET', '/api/v1/reports/asset-register?as_of=2025-03-31&format=svg');
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: 'report_has_no_chart' });
  });

  it('names a bad parameter as JSON does', async () => {
    const response = await api.call('GET', '/api/v1/reports/monthly-result?from=2025-13-01&to=x&format=svg');
    expect(response.status).toBe(422);
    expect(
      ((await response.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path),
    ).toEqual(expect.arrayContaining(['from', 'to']));
  });
});
