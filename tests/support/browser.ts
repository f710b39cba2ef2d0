// Debian's Chromium driven by playwright-core, for the browser tests and the dashboard benchmark: launched
// headless without a sandbox or background networking, signing in through the dashboards' own page.
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser; LEDGERLINE_CHROMIUM overrides it. */
export const CHROMIUM_PATH = process.env.LEDGERLINE_CHROMIUM ?? '/usr/bin/chromium';
/** How long a dashboard may take to draw every chart before a test gives up. */
export const CHARTS_TIMEOUT_MS = 20_000;

export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Opens `path`, which sends a visitor without a session to the sign-in page, and signs in there. */
export async function signIn(page: Page, url: string, name: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(url), page.click('form[data-login] button[type=submit]')]);
}

/** Waits until the page's script reports every chart drawn (or failed); a page without charts is done at once. */
export async function waitForCharts(page: Page): Promise<{ rendered: number; failed: number }> {
  const charts = await page.locator('[data-chart]').count();
  if (charts === 0) return { rendered: 0, failed: 0 };
  await page.waitForSelector('body[data-charts-rendered]', { timeout: CHARTS_TIMEOUT_MS });
  const body = page.locator('body');
  return {
    rendered: Number(await body.getAttribute('data-charts-rendered')),
    failed: Number(await body.getAttribute('data-charts-failed')),
  };
}

/** Records console errors, failed requests and error responses of a page, so each test can demand none. */
export function watch(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
}

/** A report's answer as a browser test reads it through the signed-in page. */
export interface ReportJson {
  rows: Array<Record<string, unknown>>;
  totals: Record<string, unknown>;
}

/** What the dashboards' browser tests share: one server, one signed-in page, the problems seen so far. */
export interface BrowserSession {
  url(): string;
  page(): Page;
  context(): BrowserContext;
  problems: string[];
  /** The JSON the API answers at `path` for the signed-in page (its session cookie); anything but 200 fails. */
  apiJson(path: string): Promise<ReportJson>;
  /** Where screenshots go. */
  artifacts: string;
}
