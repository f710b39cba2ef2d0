// The dashboards area: executive, finance, operations, sales and supply pages, the general-ledger, journal, order
// and customer and supplier ledger pages they drill down to, the sign-in page, and the static files (vega and
// friends) they load. HTML for people: a visitor without a session is sent to sign in, and failures are shown
// as pages.
import type { Context } from 'hono';
import { z } from 'zod';
import { getJournal, getOrder, getSalesOrder, type Ledger, LedgerError } from '../ingest/index.ts';
import { loadAsset } from '../reports/dashboards/assets.ts';
import { type DashboardView, executiveView } from '../reports/dashboards/executive.ts';
import {
  type DashboardFilters,
  departmentSelect,
  type FilterChoices,
  filterChoices,
  filterForm,
  parseFilters,
  periodSelect,
  unknownChoices,
  warehouseSelect,
} from '../reports/dashboards/filters.ts';
import { financeView, STATEMENT_TABS } from '../reports/dashboards/finance.ts';
import { DASHBOARDS_PATH, emptyState, errorState } from '../reports/dashboards/html.ts';
import { documentView, ledgerView } from '../reports/dashboards/ledger-pages.ts';
import { operationsView } from '../reports/dashboards/operations.ts';
import {
  type OrderLayout,
  orderView,
  PURCHASE_ORDER_LAYOUT,
  SALES_ORDER_LAYOUT,
} from '../reports/dashboards/order-pages.ts';
import {
  CUSTOMER_LEDGER_LAYOUT,
  type PartyLedgerLayout,
  partyLedgerView,
  SUPPLIER_LEDGER_LAYOUT,
} from '../reports/dashboards/party-ledger.ts';
import { salesView } from '../reports/dashboards/sales.ts';
import { supplyView } from '../reports/dashboards/supply.ts';
import type { Schedules } from '../schedules/index.ts';
import { principalOf } from './auth.ts';
import {
  errorPage,
  fieldMessages,
  freshnessNote,
  htmlPage,
  type PageFrame,
  signInPage,
  toSignIn,
} from './dashboard-pages.ts';
import type { AppEnv } from './env.ts';
import { type Area, type RouteDef, route } from './route.ts';
import { NextQuery } from './session.ts';

const HTML = { description: 'an HTML page', mediaType: 'text/html' };
const TO_SIGN_IN = { description: 'no session: go to the sign-in page, which returns here' };
const documented = (text: string) => z.string().optional().describe(text);

/** The filters every dashboard understands; documented here, parsed by the page so errors show as a page. */
const FilterQuery = z.looseObject({
  period: documented('YYYY-MM, the month shown; the latest month with postings by default'),
  department: documented('only lines of this department'),
  warehouse: documented(
    'operations, sales, supply: only the stock, orders and deliveries of this warehouse (each page says which panels it narrows)',
  ),
  statement: documented(`finance: ${STATEMENT_TABS.map((tab) => tab.id).join(', ')}`),
  span: documented('finance: month or year-to-date'),
});
const LedgerQuery = z.looseObject({
  account: documented('an account code (a group stands for every account below it)'),
  from: documented('YYYY-MM-DD'),
  to: documented('YYYY-MM-DD'),
  department: documented('only lines of this department'),
  offset: documented('lines to skip'),
});
const PartyLedgerQuery = (party: string) =>
  z.looseObject({
    [party]: documented(`the ${party}'s code`),
    from: documented('YYYY-MM-DD'),
    to: documented('YYYY-MM-DD'),
  });
const DocumentParams = z.strictObject({ number: z.string().min(1).max(64) });
const AssetParams = z.strictObject({ file: z.string().max(64) });

type View = (filters: DashboardFilters & { period: string }) => Promise<DashboardView>;

/** What every page handler needs: the ledger (for sign-in and reads) and the schedules (for freshness). */
interface Pages {
  ledger: Ledger;
  schedules: Schedules;
}

/** The filters a page offers besides the period; a filter it does not offer is named in its scope note. */
type FilterName = 'department' | 'warehouse' | 'span';

interface DashboardDef {
  name: string;
  title: string;
  summary: string;
  filters: readonly FilterName[];
  view: View;
}

function dashboardDefs({ ledger }: Pages): DashboardDef[] {
  const db = ledger.db;
  return [
    {
      name: 'executive',
      title: 'Executive',
      summary: 'KPI tiles, revenue and margin trend, cash with forecast',
      filters: ['department'],
      view: (filters) => executiveView(db, filters),
    },
    {
      name: 'finance',
      title: 'Finance',
      summary:
        'Statements for a month or the year to date, drilling down to the general ledger and its journals',
      filters: ['department', 'span'],
      view: (filters) =>
        financeView(db, {
          ...filters,
          statement: filters.statement ?? 'income-statement',
          span: filters.span ?? 'month',
          fiscalYearStartMonth: ledger.state.settings.fiscalYearStartMonth,
        }),
    },
    {
      name: 'operations',
      title: 'Operations',
      summary:
        'Stock value by warehouse, open purchase and sales orders, on-time delivery, postings per day, the process log, fixed assets',
      filters: ['department', 'warehouse'],
      view: (filters) => operationsView(db, filters),
    },
    {
      name: 'sales',
      title: 'Sales',
      summary:
        'Order to cash: revenue, margin, backlog, on-time delivery, DSO and overdue receivables; revenue by month, customer and category, receivables aging, the sales forecast with its backtest, open orders',
      filters: ['warehouse'],
      view: (filters) => salesView(db, filters),
    },
    {
      name: 'supply',
      title: 'Supply',
      summary:
        'Purchasing and inventory: stock value by month, inventory turns, purchases by supplier, supplier on-time delivery, open purchase orders, payables aging, stock against the ledger, slow-moving and expiring stock',
      filters: ['warehouse'],
      view: (filters) => supplyView(db, filters),
    },
  ];
}

async function frameOf({ ledger, schedules }: Pages, current?: string): Promise<PageFrame> {
  return {
    company: ledger.state.settings.companyName,
    current,
    signedIn: true,
    freshness: await freshnessNote(schedules),
  };
}

/** Signs the visitor in, parses the filters, finds the periods, builds the view: each step may end the page. */
async function dashboardPage(pages: Pages, c: Context<AppEnv>, def: DashboardDef): Promise<Response> {
  if (!(await principalOf(c, pages.ledger))) return toSignIn(c);
  const frame = await frameOf(pages, def.name);
  const title = `${def.title} dashboard`;
  const parsed = parseFilters(c.req.query());
  if (!parsed.ok) {
    const reset = 'Fix the address or reset the filters.';
    const body = errorState('These filters are not valid', reset, fieldMessages(parsed.errors));
    return htmlPage(c, { ...frame, title, body }, 422);
  }
  try {
    const choices = await filterChoices(pages.ledger.db);
    const period = parsed.filters.period ?? choices.periods[0];
    if (!period) {
      const hint = 'Post journals (or run ledgerline demo), then run a transform.';
      return htmlPage(c, { ...frame, title, body: emptyState('Nothing posted yet', hint) });
    }
    const unknown = unknownChoices(parsed.filters, choices);
    if (unknown.length > 0) {
      const reset = 'Choose one from the list, or reset the filters.';
      const body = errorState('These filters are not valid', reset, fieldMessages(unknown));
      return htmlPage(c, { ...frame, title, body }, 422);
    }
    const filters = { ...parsed.filters, period };
    const built = await def.view(filters);
    const body = `${form(def, filters, choices)}\n${built.body}`;
    return htmlPage(c, { ...frame, title, body, charts: built.charts });
  } catch (error) {
    return errorPage(c, frame, title, error);
  }
}

/** A drill-down page: signed in, then the view, or its failure as a page. */
async function drillPage(
  pages: Pages,
  c: Context<AppEnv>,
  title: string,
  view: () => Promise<DashboardView>,
): Promise<Response> {
  if (!(await principalOf(c, pages.ledger))) return toSignIn(c);
  const frame = await frameOf(pages);
  try {
    return htmlPage(c, { ...frame, title, body: (await view()).body });
  } catch (error) {
    return errorPage(c, frame, title, error);
  }
}

export function dashboardsArea(ledger: Ledger, schedules: Schedules): Area {
  const pages: Pages = { ledger, schedules };
  const routes = [
    ...entryRoutes(pages),
    ...dashboardDefs(pages).map((def) =>
      route({
        method: 'get',
        path: `/${def.name}`,
        id: `${def.name}Dashboard`,
        summary: `${def.title} dashboard (HTML): ${def.summary}`,
        access: 'public',
        query: FilterQuery,
        responses: { 200: HTML, 303: TO_SIGN_IN, 422: { description: 'bad filters, shown as a page' } },
        handle: (c) => dashboardPage(pages, c, def),
      }),
    ),
    ...drillRoutes(pages),
    assetRoute(),
  ];
  return { prefix: DASHBOARDS_PATH, tag: 'dashboards', routes };
}

/** `/dashboards` itself and the sign-in page. */
function entryRoutes({ ledger }: Pages): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/',
      id: 'dashboards',
      summary: 'The dashboards: redirects to the executive dashboard',
      access: 'public',
      responses: { 302: { description: 'go to /dashboards/executive' } },
      handle: (c) => c.redirect(`${DASHBOARDS_PATH}/executive`, 302),
    }),
    route({
      method: 'get',
      path: '/login',
      id: 'dashboardSignIn',
      summary: 'The sign-in page of the dashboards; it posts to /login and returns to ?next=',
      access: 'public',
      query: NextQuery,
      responses: { 200: HTML, 303: { description: 'already signed in: go to ?next=' } },
      handle: async (c, { query }) => {
        const next = query.next ?? `${DASHBOARDS_PATH}/executive`;
        if (await principalOf(c, ledger)) return c.redirect(next, 303);
        return signInPage(c, ledger.state.settings.companyName, next);
      },
    }),
  ];
}

function drillRoutes(pages: Pages): RouteDef[] {
  const db = pages.ledger.db;
  return [
    route({
      method: 'get',
      path: '/general-ledger',
      id: 'generalLedgerPage',
      summary: 'General-ledger lines of an account (HTML), the drill-down target of statement lines',
      access: 'public',
      query: LedgerQuery,
      responses: { 200: HTML, 303: TO_SIGN_IN },
      handle: (c) => drillPage(pages, c, 'General ledger', () => ledgerView(db, c.req.query())),
    }),
    route({
      method: 'get',
      path: '/documents/:number',
      id: 'documentPage',
      summary: 'One journal with its lines (HTML), the drill-down target of general-ledger lines',
      access: 'public',
      params: DocumentParams,
      responses: { 200: HTML, 303: TO_SIGN_IN, 404: { description: 'no such journal, shown as a page' } },
      handle: (c, { params }) =>
        drillPage(pages, c, `Journal ${params.number}`, async () =>
          documentView(await getJournal(db, params.number)),
        ),
    }),
    orderRoute(pages, 'purchaseOrderPage', PURCHASE_ORDER_LAYOUT, (number) => getOrder(db, number)),
    orderRoute(pages, 'salesOrderPage', SALES_ORDER_LAYOUT, (number) => getSalesOrder(db, number)),
    ledgerRoute(pages, 'customerLedgerPage', CUSTOMER_LEDGER_LAYOUT),
    ledgerRoute(pages, 'supplierLedgerPage', SUPPLIER_LEDGER_LAYOUT),
  ];
}

/** A customer's or supplier's ledger (HTML), the drill-down target of the sales and supply dashboards. */
function ledgerRoute(pages: Pages, id: string, layout: PartyLedgerLayout): RouteDef {
  return route({
    method: 'get',
    path: `/${layout.reportId}`,
    id,
    summary: `The ${layout.reportId} report of one ${layout.party} as a page (HTML), each entry opening its journal`,
    access: 'public',
    query: PartyLedgerQuery(layout.party),
    responses: { 200: HTML, 303: TO_SIGN_IN, 422: { description: 'bad parameters, shown as a page' } },
    handle: (c) =>
      drillPage(pages, c, `${layout.noun} ledger`, () =>
        partyLedgerView(pages.ledger.db, layout, c.req.query()),
      ),
  });
}

/** One order with its lines and history (HTML), the drill-down target of the operations, sales and supply dashboards' order lines. */
function orderRoute(
  pages: Pages,
  id: string,
  layout: OrderLayout,
  read: (number: string) => Promise<Parameters<typeof orderView>[1]>,
): RouteDef {
  return route({
    method: 'get',
    path: `${layout.pagePath.slice(DASHBOARDS_PATH.length)}/:number`,
    id,
    summary: `One ${layout.noun.toLowerCase()} with its lines and history (HTML), the drill-down target of the operations, sales and supply dashboards`,
    access: 'public',
    params: DocumentParams,
    responses: { 200: HTML, 303: TO_SIGN_IN, 404: { description: 'no such order, shown as a page' } },
    handle: (c, { params }) =>
      drillPage(pages, c, `${layout.noun} ${params.number}`, async () =>
        orderView(layout, await read(params.number)),
      ),
  });
}

function assetRoute(): RouteDef {
  return route({
    method: 'get',
    path: '/assets/:file',
    id: 'dashboardAsset',
    summary: 'A static file of the dashboards (vega, vega-lite, vega-embed, the page script and styles)',
    access: 'public',
    params: AssetParams,
    responses: { 200: { description: 'the file' }, 404: { description: 'no such asset' } },
    handle: async (c, { params }) => {
      const asset = loadAsset(params.file);
      if (!asset) throw new LedgerError('not_found', 'asset_not_found', `no dashboard asset ${params.file}`);
      const { type, body } = await asset;
      return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
    },
  });
}

function form(
  def: DashboardDef,
  filters: DashboardFilters & { period: string },
  choices: FilterChoices,
): string {
  const hidden: Record<string, string> = {};
  if (filters.statement) hidden.statement = filters.statement;
  const selects = [periodSelect(choices, filters.period)];
  if (def.filters.includes('department')) selects.push(departmentSelect(choices, filters.department));
  if (def.filters.includes('warehouse')) selects.push(warehouseSelect(choices, filters.warehouse));
  if (def.filters.includes('span')) {
    selects.push({
      name: 'span',
      label: 'Span',
      options: [
        { value: 'month', text: 'Month' },
        { value: 'year-to-date', text: 'Year to date' },
      ],
      selected: filters.span ?? 'month',
    });
  }
  return filterForm(`${DASHBOARDS_PATH}/${def.name}`, selects, hidden);
}
