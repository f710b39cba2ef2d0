// The HTML every dashboard page shares: escaping, display formats of exact values, the page frame with its
// navigation, and the empty and error states. Plain template strings; every interpolated value is escaped.
import type { ColumnType } from '../definition.ts';

export const DASHBOARDS_PATH = '/dashboards';
export const ASSETS_PATH = `${DASHBOARDS_PATH}/assets`;
export const LOGIN_PAGE_PATH = `${DASHBOARDS_PATH}/login`;

/** Script files a page with charts loads, in order: vega, then vega-lite and vega-embed, which need it. */
const CHART_SCRIPTS = ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js'];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** A decimal string with thousands separators, digits untouched: `-1234567.50` → `-1,234,567.50`. */
export function groupDigits(value: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!match) return value;
  const [, sign, whole = '', fraction = ''] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** A cell or tile value as people read it; exact strings stay exact (no float ever formats money). */
export function display(type: ColumnType, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  const text = String(value);
  if (type === 'money' || type === 'number' || type === 'integer') return groupDigits(text);
  if (type === 'percent') return `${groupDigits(text)} %`;
  return text;
}

export interface NavItem {
  name: string;
  title: string;
}

export const DASHBOARD_NAV: readonly NavItem[] = [
  { name: 'executive', title: 'Executive' },
  { name: 'finance', title: 'Finance' },
  { name: 'operations', title: 'Operations' },
  { name: 'sales', title: 'Sales' },
  { name: 'supply', title: 'Supply' },
];

export interface PageOptions {
  title: string;
  /** The dashboard the navigation marks as current. */
  current?: string;
  company: string;
  body: string;
  /** Complete vega-lite specs by chart id; a page without charts loads no chart scripts. */
  charts?: Record<string, unknown>;
  /** The footer's note on how fresh the data is. */
  freshness?: string;
  signedIn?: boolean;
}

export function page(options: PageOptions): string {
  const hasCharts = options.charts !== undefined && Object.keys(options.charts).length > 0;
  const scripts = hasCharts
    ? CHART_SCRIPTS.map((file) => `<script src="${ASSETS_PATH}/${file}" defer></script>`)
    : [];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)} · ${esc(options.company)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSETS_PATH}/dashboard.css">
${scripts.join('\n')}
<script type="module" src="${ASSETS_PATH}/dashboard.js"></script>
</head>
<body data-page="${esc(options.current ?? '')}">
${topBar(options)}
<main>
<h1>${esc(options.title)}</h1>
${options.body}
</main>
<footer>${esc(options.freshness ?? '')}</footer>
${hasCharts ? `<script type="application/json" id="chart-specs">${jsonForScript(options.charts)}</script>` : ''}
</body>
</html>
`;
}

function topBar(options: PageOptions): string {
  const links = DASHBOARD_NAV.map(
    (item) =>
      `<a href="${DASHBOARDS_PATH}/${item.name}"${item.name === options.current ? ' aria-current="page"' : ''}>${esc(item.title)}</a>`,
  ).join('');
  const signOut = options.signedIn
    ? `<form method="post" action="/logout?next=${LOGIN_PAGE_PATH}" class="sign-out"><button type="submit">Sign out</button></form>`
    : '';
  return `<header class="top-bar">
<span class="brand">Ledgerline</span>
<nav aria-label="Dashboards">${links}</nav>
<span class="company">${esc(options.company)}</span>
${signOut}
</header>`;
}

/** JSON inside a script element: `<` escaped so no value can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value ?? {}).replace(/</g, '\\u003c');
}

/** A clear "nothing here yet" block: what is missing and what brings it. */
export function emptyState(title: string, detail: string): string {
  return `<section class="empty-state" data-state="empty"><h2>${esc(title)}</h2><p>${esc(detail)}</p></section>`;
}

export function errorState(title: string, detail: string, items: string[] = []): string {
  const list = items.length > 0 ? `<ul>${items.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>` : '';
  return `<section class="error-state" data-state="error" role="alert"><h2>${esc(title)}</h2><p>${esc(detail)}</p>${list}</section>`;
}
