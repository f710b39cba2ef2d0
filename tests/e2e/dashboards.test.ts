// The dashboards in a real browser on the small demo company: sign in, open each dashboard, every chart draws
// marks, the KPI tiles and the operations figures equal the API's JSON, a statement line drills down to its
// general-ledger lines and a line to its journal, an open purchase order line to its order, the warehouse filter
// survives a reload, every page fits a tablet; the sales and supply dashboards' tests (module-dashboards.ts) run
// in the same suite, on the same demo. Screenshots go to test-artifacts/. Any console error or failed request
// fails the test.
// Needs Chromium at /usr/bin/chromium (apt-get install chromium): skipped with a message without it, but a
// failure when CI is set (.ci/run installs it).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  hasChromium,
  launchChromium,
  type ReportJson,
  signIn,
  waitForCharts,
  watch,
} from '../support/browser.ts';
import { freePort, ROOT, type RunningServer, runCli, startServer } from '../support/server.ts';
import { moduleDashboardTests } from './module-dashboards.ts';

const inCi = Boolean(process.env.CI);
const MISSING = 'Chromium is not installed at /usr/bin/chromium (apt-get install chromium)';
if (!hasChromium() && !inCi) console.warn(`dashboard browser tests skipped: ${MISSING}`);

const PASSWORD = 'dashboards-test-password';
const ARTIFACTS = join(ROOT, 'test-artifacts');
/** Building the small demo takes ~30 s on a busy two-core machine; the browser work a few seconds per page. */
const SETUP_TIMEOUT_MS = 150_000;
const PAGE_TEST_TIMEOUT_MS = 30_000;
/** The supply-chain and sales panels of the operations dashboard: the demo buys, stocks and sells through
 * documents, so each must show data. */
const SUPPLY_PANELS = ['stock-by-warehouse', 'open-purchase-orders', 'supplier-delivery'];
const SALES_PANELS = ['open-sales-orders', 'customer-delivery'];

describe.runIf(hasChromium() || inCi)('dashboards in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-dashboards-'));
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  /** The JSON the API answers at `path` for the signed-in page (its session cookie); anything but 200 fails. */
  const apiJson = async (path: string) => {
    const response = await page.request.get(`${server.url}${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as ReportJson;
  };
  const session: BrowserSession = {
    url: () => server.url,
    page: () => page,
    context: () => context,
    problems,
    apiJson,
    artifacts: ARTIFACTS,
  };

  beforeAll(async () => {
    if (!hasChromium()) throw new Error(MISSING);
    mkdirSync(ARTIFACTS, { recursive: true });
    const db = join(dir, 'demo.duckdb');
    const demo = runCli(['demo', '--db', db, '--scale', 'small'], { LEDGERLINE_ADMIN_PASSWORD: PASSWORD });
    expect(demo.status, demo.stderr).toBe(0);
    server = await startServer(db, await freePort());
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    watch(page, problems);
    await signIn(page, `${server.url}/dashboards/executive`, 'admin', PASSWORD);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a visitor without a session to the sign-in page, not to a JSON 401', async () => {
    const response = await fetch(`${server.url}/dashboards/finance?period=2025-06`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      '/dashboards/login?next=%2Fdashboards%2Ffinance%3Fperiod%3D2025-06',
    );
  });

  // The sales and supply pages' charts are checked by their own tests (module-dashboards.ts), on the same load.
  for (const name of ['executive', 'finance', 'operations']) {
    it(
      `draws every chart of the ${name} dashboard with marks`,
      async () => {
        await page.goto(`${server.url}/dashboards/${name}`);
        const { failed } = await waitForCharts(page);
        expect(failed).toBe(0);
        for (const chart of await page.locator('[data-chart]').all()) {
          expect(
            await chart.locator('svg .role-mark path').count(),
            String(await chart.getAttribute('data-chart')),
          ).toBeGreaterThan(0);
        }
        await page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
        expect(problems).toEqual([]);
      },
      PAGE_TEST_TIMEOUT_MS,
    );
  }

  it(
    'shows KPI tiles equal to the executive-kpis report of the API',
    async () => {
      await page.goto(`${server.url}/dashboards/executive`);
      const period = await page.locator('select[name=period]').inputValue();
      const response = await page.request.get(
        `${server.url}/api/v1/reports/executive-kpis?period=${period}&months=12`,
      );
      expect(response.status()).toBe(200);
      const { totals } = (await response.json()) as { totals: Record<string, string | null> };
      const tiles = await page
        .locator('[data-kpi]')
        .evaluateAll((elements) =>
          elements.map((element) => [element.getAttribute('data-kpi'), element.getAttribute('data-value')]),
        );
      expect(tiles.length).toBe(7);
      for (const [key, value] of tiles) expect(value, String(key)).toBe(totals[String(key)] ?? '');
      expect(totals.revenue).toMatch(/^\d+\.\d{2}$/);
      expect(problems).toEqual([]);
    },
    PAGE_TEST_TIMEOUT_MS,
  );

  it(
    'drills down from a statement line to its general-ledger lines and from a line to its journal',
    async () => {
      await page.goto(`${server.url}/dashboards/finance?statement=income-statement`);
      const line = page.locator('td[data-column=label] a').first();
      const account = await page
        .locator('tr:has(td[data-column=label] a) td[data-column=account]')
        .first()
        .textContent();
      await Promise.all([page.waitForURL(/\/dashboards\/general-ledger\?/), line.click()]);
      expect(new URL(page.url()).searchParams.get('account')).toBe(account);
      const documentLink = page.locator('td[data-column=document_number] a').first();
      const number = String(await documentLink.textContent());
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-general-ledger.png'), fullPage: true });
      await Promise.all([page.waitForURL(/\/dashboards\/documents\//), documentLink.click()]);
      await expect(page.locator('dd[data-field=number]').textContent()).resolves.toBe(number);
      const journal = (await (await page.request.get(`${server.url}/api/v1/journals/${number}`)).json()) as {
        lines: unknown[];
      };
      expect(await page.locator('table[data-report=journal-lines] tbody tr').count()).toBe(
        journal.lines.length,
      );
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-document.png'), fullPage: true });
      expect(problems).toEqual([]);
    },
    PAGE_TEST_TIMEOUT_MS,
  );

  it(
    'shows operations figures equal to the API reports they name, and data in every supply and sales panel',
    async () => {
      await page.goto(`${server.url}/dashboards/operations`);
      await waitForCharts(page);
      const lists = await page.locator('dl[data-source]').evaluateAll((elements) =>
        elements.map((element) => ({
          source: element.getAttribute('data-source') ?? '',
          figures: [...element.querySelectorAll('dd[data-figure]')].map((dd) => [
            dd.getAttribute('data-figure') ?? '',
            dd.getAttribute('data-value') ?? '',
          ]),
        })),
      );
      expect(lists.length).toBeGreaterThanOrEqual(4);
      for (const { source, figures } of lists) {
        const { totals } = await apiJson(source);
        for (const [key, value] of figures) {
          expect(value, `${source} ${key}`).toBe(
            totals[String(key)] == null ? '' : String(totals[String(key)]),
          );
        }
      }
      for (const id of [...SUPPLY_PANELS, ...SALES_PANELS]) {
        const panel = page.locator(`section[data-panel="${id}"]`);
        const { rows } = await apiJson(String(await panel.getAttribute('data-source')));
        expect(await panel.locator('[data-state=empty]').count(), `${id} is empty on the demo`).toBe(0);
        expect(rows.length, id).toBeGreaterThan(0);
        const shown = panel.locator('[data-chart] svg .role-mark path, table.report tbody tr');
        expect(await shown.count(), id).toBeGreaterThan(0);
      }
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-operations-supply.png'), fullPage: true });
      expect(problems).toEqual([]);
    },
    PAGE_TEST_TIMEOUT_MS,
  );

  it(
    'drills down from an open purchase order line to its order',
    async () => {
      await page.goto(`${server.url}/dashboards/operations`);
      const link = page
        .locator('section[data-panel="open-purchase-orders"] td[data-column=order_number] a')
        .first();
      const number = String(await link.textContent());
      await Promise.all([page.waitForURL(/\/dashboards\/purchase-orders\//), link.click()]);
      await expect(page.locator('dd[data-field=number]').textContent()).resolves.toBe(number);
      const order = (await apiJson(`/api/v1/purchase-orders/${number}`)) as unknown as { lines: unknown[] };
      expect(await page.locator('table[data-report=order-lines] tbody tr').count()).toBe(order.lines.length);
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-purchase-order.png'), fullPage: true });
      expect(problems).toEqual([]);
    },
    PAGE_TEST_TIMEOUT_MS,
  );

  it(
    'keeps the chosen warehouse in the URL, so a reload (a bookmark) shows the same view',
    async () => {
      await page.goto(`${server.url}/dashboards/operations`);
      const warehouse = await page.locator('select[name=warehouse] option[value]:not([value=""])').last();
      const code = String(await warehouse.getAttribute('value'));
      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('warehouse') === code),
        page.selectOption('select[name=warehouse]', code),
      ]);
      await page.reload();
      expect(await page.locator('select[name=warehouse]').inputValue()).toBe(code);
      const { failed } = await waitForCharts(page);
      expect(failed).toBe(0);
      const stock = page.locator('section[data-panel="stock-by-warehouse"]');
      expect(await stock.getAttribute('data-source')).toContain(`warehouse=${code}`);
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-operations-warehouse.png'), fullPage: true });
      expect(problems).toEqual([]);
    },
    PAGE_TEST_TIMEOUT_MS,
  );

  it(
    'fits a tablet screen without sideways scrolling',
    async () => {
      const tablet = await context.newPage();
      watch(tablet, problems);
      await tablet.setViewportSize({ width: 768, height: 1024 });
      for (const name of ['executive', 'operations', 'sales', 'supply']) {
        await tablet.goto(`${server.url}/dashboards/${name}`);
        await waitForCharts(tablet);
        const overflow = Number(
          await tablet.evaluate('document.documentElement.scrollWidth - window.innerWidth'),
        );
        expect(overflow, name).toBeLessThanOrEqual(0);
        await tablet.screenshot({ path: join(ARTIFACTS, `dashboard-${name}-tablet.png`), fullPage: true });
      }
      await tablet.close();
      expect(problems).toEqual([]);
    },
    PAGE_TEST_TIMEOUT_MS,
  );

  moduleDashboardTests(session);
});
