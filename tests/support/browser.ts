// Debian's Chromium driven by playwright-core, for the browser tests and the dashboard benchmark: launched
// headless without a sandbox or background networking, signing in through the dashboards' own page.
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

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
