// The sales and supply dashboards in Chromium, registered inside the dashboards' browser suite so they reuse its
// demo company, server and signed-in page (building another demo would double the cost). On the demo: every
// tile and figure equals the API report it names, every panel shows its data or, only while its report answers
// no rows, its empty state; the sales, purchasing and stock panels must show data (the demo sells, buys and
// stocks through documents); a supplier and a customer drill down to their ledgers and on to a journal, an
// open order line to its order; a chosen warehouse survives a reload. Any console error or failed request
// fails the test.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { type BrowserSession, waitForCharts } from '../support/browser.ts';

const PAGE_TEST_TIMEOUT_MS = 30_000;
/** Panels of the sales page that must show data on the demo, which sells its merchandise through documents. */
const SALES_PANELS_WITH_DATA = [
  'sales-by-month',
  'sales-forecast',
  'sales-by-customer',
  'sales-by-category',
  'receivables-aging',
  'open-sales-orders',
  'customer-delivery',
];
/** Panels of the supply page that must show data on the demo, which buys, receives, stocks and pays. */
const SUPPLY_PANELS_WITH_DATA = [
  'stock-value-by-month',
  'purchases-by-month',
  'supplier-delivery',
  'open-purchase-orders',
  'payables-aging',
  'stock-reconciliation',
];

interface ShownFigure {
  source: string;
  key: string;
  value: string;
}

/** Every tile and figure of the page: the API report it names, its totals key and the exact value shown. */
async function shownFigures(page: Page): Promise<ShownFigure[]> {
  const tiles = await page.locator('article.tile[data-source]').evaluateAll((elements) =>
    elements.map((tile) => ({
      source: tile.getAttribute('data-source') ?? '',
      key: tile.getAttribute('data-figure') ?? '',
      value: tile.getAttribute('data-value') ?? '',
    })),
  );
  const lists = await page.locator('dl.figures[data-source]').evaluateAll((elements) =>
    elements.flatMap((list) =>
      [...list.querySelectorAll('dd[data-figure]')].map((dd) => ({
        source: list.getAttribute('data-source') ?? '',
        key: dd.getAttribute('data-figure') ?? '',
        value: dd.getAttribute('data-value') ?? '',
      })),
    ),
  );
  return [...tiles, ...lists];
}

export function moduleDashboardTests(session: BrowserSession): void {
  for (const name of ['sales', 'supply'] as const) {
    it(
      `shows the ${name} dashboard's figures as the API answers them, each panel empty only while its report is`,
      async () => {
        const page = session.page();
        await page.goto(`${session.url()}/dashboards/${name}`);
        const { failed } = await waitForCharts(page);
        expect(failed).toBe(0);
        const figures = await shownFigures(page);
        // Six tiles at least; each panel with data adds its figures.
        expect(figures.length).toBeGreaterThanOrEqual(6);
        for (const { source, key, value } of figures) {
          const { totals } = await session.apiJson(source);
          expect(value, `${source} ${key}`).toBe(totals[key] == null ? '' : String(totals[key]));
        }
        for (const panel of await page.locator('section[data-panel]').all()) {
          const id = String(await panel.getAttribute('data-panel'));
          const { rows } = await session.apiJson(String(await panel.getAttribute('data-source')));
          if ((await panel.locator('[data-state=empty]').count()) > 0) {
            const withData = name === 'supply' ? SUPPLY_PANELS_WITH_DATA : SALES_PANELS_WITH_DATA;
            expect(withData.includes(id), `${id} is empty on the demo`).toBe(false);
            expect(rows, `${id} is empty while its report has rows`).toEqual([]);
            continue;
          }
          expect(rows.length, id).toBeGreaterThan(0);
          for (const chart of await panel.locator('[data-chart]').all()) {
            expect(await chart.locator('svg .role-mark path').count(), `${id} draws marks`).toBeGreaterThan(
              0,
            );
          }
        }
        await page.screenshot({ path: join(session.artifacts, `dashboard-${name}.png`), fullPage: true });
        expect(session.problems).toEqual([]);
      },
      PAGE_TEST_TIMEOUT_MS,
    );
  }

  it(
    'drills down from a supplier to its ledger and from an entry to its journal, and from an open line to its order',
    async () => {
      const page = session.page();
      await page.goto(`${session.url()}/dashboards/supply`);
      const supplier = page
        .locator('section[data-panel="payables-aging"] td[data-column=supplier] a')
        .first();
      await Promise.all([page.waitForURL(/\/dashboards\/supplier-ledger\?/), supplier.click()]);
      await followJournal(session, page, 'supplier-ledger');
      await page.goto(`${session.url()}/dashboards/supply`);
      const order = page
        .locator('section[data-panel="open-purchase-orders"] td[data-column=order_number] a')
        .first();
      const number = String(await order.textContent());
      await Promise.all([page.waitForURL(/\/dashboards\/purchase-orders\//), order.click()]);
      await expect(page.locator('dd[data-field=number]').textContent()).resolves.toBe(number);
      expect(session.problems).toEqual([]);
    },
    PAGE_TEST_TIMEOUT_MS,
  );

  it(
    'drills down from a customer to its ledger and from an entry to its journal, and from an open line to its order',
    async () => {
      const page = session.page();
      await page.goto(`${session.url()}/dashboards/sales`);
      const customer = page.locator('section[data-panel="sales-by-customer"] td[data-column=key] a').first();
      await Promise.all([page.waitForURL(/\/dashboards\/customer-ledger\?/), customer.click()]);
      await followJournal(session, page, 'customer-ledger');
      await page.goto(`${session.url()}/dashboards/sales`);
      const order = page
        .locator('section[data-panel="open-sales-orders"] td[data-column=order_number] a')
        .first();
      const number = String(await order.textContent());
      await Promise.all([page.waitForURL(/\/dashboards\/sales-orders\//), order.click()]);
      expect(await page.locator('table[data-report=order-lines] tbody tr').count()).toBeGreaterThan(0);
      await expect(page.locator('dd[data-field=number]').textContent()).resolves.toBe(number);
      expect(session.problems).toEqual([]);
    },
    PAGE_TEST_TIMEOUT_MS,
  );

  it(
    'keeps the chosen warehouse of the supply dashboard in the URL, so a reload shows the same view',
    async () => {
      const page = session.page();
      await page.goto(`${session.url()}/dashboards/supply`);
      const code = String(
        await page
          .locator('select[name=warehouse] option[value]:not([value=""])')
          .first()
          .getAttribute('value'),
      );
      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('warehouse') === code),
        page.selectOption('select[name=warehouse]', code),
      ]);
      await page.reload();
      expect(await page.locator('select[name=warehouse]').inputValue()).toBe(code);
      expect((await waitForCharts(page)).failed).toBe(0);
      const stock = page.locator('article.tile[data-kpi=stock_value]');
      expect(await stock.getAttribute('data-source')).toContain(`warehouse=${code}`);
      expect(session.problems).toEqual([]);
    },
    PAGE_TEST_TIMEOUT_MS,
  );
}

/** On a ledger page: the first entry's journal opens the document page with the lines the API reads. */
async function followJournal(session: BrowserSession, page: Page, ledger: string): Promise<void> {
  const entries = page.locator(`table[data-report="${ledger}"] tbody tr`);
  expect(await entries.count(), `${ledger} entries`).toBeGreaterThan(0);
  const link = page.locator('td[data-column=journal] a').first();
  const number = String(await link.textContent());
  await page.screenshot({ path: join(session.artifacts, `dashboard-${ledger}.png`), fullPage: true });
  await Promise.all([page.waitForURL(/\/dashboards\/documents\//), link.click()]);
  await expect(page.locator('dd[data-field=number]').textContent()).resolves.toBe(number);
  const journal = (await session.apiJson(`/api/v1/journals/${number}`)) as unknown as { lines: unknown[] };
  expect(await page.locator('table[data-report=journal-lines] tbody tr').count()).toBe(journal.lines.length);
}
