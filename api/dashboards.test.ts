// The dashboards area without a browser: sign-in redirects, the CSP, empty and error states as pages, the
// pages' content for a small ledger, and the static files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP } from './dashboard-pages.ts';
import { journal, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;

beforeAll(async () => {
  api = await openTestApi();
});
afterAll(() => api.close());

async function html(
  path: string,
  token?: string | null,
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await api.call('GET', path, token === undefined ? {} : { token });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('before anything is posted', () => {
  it('sends a visitor without a session to the sign-in page, keeping the address', async () => {
    const response = await api.call('GET', '/dashboards/finance?period=2025-01', { token: null });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      '/dashboards/login?next=%2Fdashboards%2Ffinance%3Fperiod%3D2025-01',
    );
  });

  it('serves the sign-in page under the strict CSP', async () => {
    const page = await html('/dashboards/login?next=/dashboards/operations', null);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(page.text).toContain('data-next="/dashboards/operations"');
  });

  it('says the marts are not built yet instead of failing', async () => {
    const page = await html('/dashboards/executive');
    expect(page.status).toBe(503);
    expect(page.text).toContain('No reporting data yet');
  });
});

describe('with a few journals', () => {
  beforeAll(async () => {
    for (const date of ['2025-01-15', '2025-02-15']) {
      expect((await api.call('POST', '/api/v1/journals', { body: journal({ date }) })).status).toBe(201);
    }
    // A read with fresh=true builds the marts the pages read.
    expect((await api.call('GET', '/api/v1/reports/posting-periods?fresh=true')).status).toBe(200);
  });

  it('shows the executive tiles for the latest period with postings', async () => {
    const page = await html('/dashboards/executive');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<option value="2025-02" selected>');
    expect(page.text).toContain('data-kpi="revenue"');
    expect(page.text).toContain('id="chart-specs"');
  });

  it('shows a statement with links to the general-ledger page', async () => {
    const page = await html('/dashboards/finance?period=2025-02&statement=trial-balance&span=year-to-date');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/href="\/dashboards\/general-ledger\?account=6310&amp;from=/);
  });

  it('shows the general-ledger lines with links to their journals', async () => {
    const page = await html('/dashboards/general-ledger?account=6310&from=2025-01-01&to=2025-02-28');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/href="\/dashboards\/documents\/[^"]+"/);
  });

  it('shows bad filters as a page that names them', async () => {
    const page = await html('/dashboards/operations?period=2025-13');
    expect(page.status).toBe(422);
    expect(page.text).toContain('data-state="error"');
    expect(page.text).toContain('period');
  });

  it('shows an unknown journal as a not-found page', async () => {
    const page = await html('/dashboards/documents/JV-NOPE');
    expect(page.status).toBe(404);
    expect(page.text).toContain('data-state="error"');
  });

  it('states what the operations dashboard will show once the modules land', async () => {
    const page = await html('/dashboards/operations');
    expect(page.status).toBe(200);
    expect(page.text).toContain('arrives with the inventory module');
    expect(page.text).toContain('No fixed assets registered');
  });
});

describe('entry and exit', () => {
  it('opens the executive dashboard at /dashboards', async () => {
    const response = await api.call('GET', '/dashboards', { token: null });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/dashboards/executive');
  });

  it('signs out from the page header back to the sign-in page', async () => {
    const response = await api.call('POST', '/logout?next=/dashboards/login', {
      token: null,
      raw: '',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboards/login');
  });
});

describe('static files', () => {
  it('serves vega from node_modules and nothing outside the list', async () => {
    const vega = await api.call('GET', '/dashboards/assets/vega.min.js', { token: null });
    expect(vega.status).toBe(200);
    expect(vega.headers.get('content-type')).toContain('javascript');
    expect((await api.call('GET', '/dashboards/assets/package.json', { token: null })).status).toBe(404);
  });
});
