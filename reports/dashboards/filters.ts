// The filters of a dashboard, carried in the URL so a view can be bookmarked: period (YYYY-MM), department,
// warehouse, and a page's own choices (the statement, the span). Parsed here; the form that sets them is drawn
// here too.
import { z } from 'zod';
import { Code, type FieldError, Period, zodFieldErrors } from '../../ingest/index.ts';
import type { ReportDb, Row } from '../definition.ts';
import { guardMarts, runReport } from '../run.ts';
import { esc } from './html.ts';

export const DashboardFilters = z.looseObject({
  period: Period.optional(),
  department: Code.optional(),
  warehouse: Code.optional(),
  statement: z.enum(['income-statement', 'balance-sheet', 'cash-flow', 'trial-balance']).optional(),
  span: z.enum(['month', 'year-to-date']).optional(),
});
export type DashboardFilters = z.output<typeof DashboardFilters>;

export type ParsedFilters = { ok: true; filters: DashboardFilters } | { ok: false; errors: FieldError[] };

export function parseFilters(query: Record<string, string>): ParsedFilters {
  // An empty field of the form ("All departments") means no filter.
  const given = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
  const parsed = DashboardFilters.safeParse(given);
  return parsed.success
    ? { ok: true, filters: parsed.data }
    : { ok: false, errors: zodFieldErrors(parsed.error) };
}

export interface FilterChoices {
  /** Periods with postings, newest first; empty when nothing is posted yet. */
  periods: string[];
  departments: Array<{ code: string; name: string }>;
  /** The warehouses as they are named today, active or not (old stock may still lie in a closed one). */
  warehouses: Array<{ code: string; name: string }>;
}

export async function filterChoices(db: ReportDb): Promise<FilterChoices> {
  const [posted, departments, warehouses] = await Promise.all([
    runReport(db, 'posting-periods', {}),
    db.query("select code, name from ref.dimensions where dimension = 'department' order by code"),
    guardMarts(() =>
      db.query(
        'select warehouse_code as code, warehouse_name as name from marts.dim_warehouses where is_current order by code',
      ),
    ),
  ]);
  const named = (rows: Row[]) => rows.map((row) => ({ code: String(row.code), name: String(row.name) }));
  return {
    periods: posted.rows.map((row) => String(row.period)),
    departments: named(departments),
    warehouses: named(warehouses),
  };
}

/** A warehouse in the URL that the books do not know: named, so the page says so rather than showing nothing. */
export function unknownChoices(filters: DashboardFilters, choices: FilterChoices): FieldError[] {
  const { warehouse } = filters;
  if (warehouse === undefined || choices.warehouses.some((known) => known.code === warehouse)) return [];
  return [{ path: 'warehouse', code: 'warehouse_not_found', message: `no warehouse "${warehouse}"` }];
}

export interface Select {
  name: string;
  label: string;
  options: Array<{ value: string; text: string }>;
  selected: string | undefined;
}

/** The filter form: a GET to the page itself, so the chosen view is the URL. */
export function filterForm(action: string, selects: Select[], hidden: Record<string, string> = {}): string {
  const fields = selects.map((select) => {
    const options = select.options.map(
      (option) =>
        `<option value="${esc(option.value)}"${option.value === (select.selected ?? '') ? ' selected' : ''}>${esc(option.text)}</option>`,
    );
    return `<label>${esc(select.label)} <select name="${esc(select.name)}">${options.join('')}</select></label>`;
  });
  const kept = Object.entries(hidden).map(
    ([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`,
  );
  return `<form class="filters" method="get" action="${esc(action)}" data-autosubmit>
${fields.join('\n')}${kept.join('')}
<button type="submit">Apply</button>
</form>`;
}

export function periodSelect(choices: FilterChoices, period: string): Select {
  return {
    name: 'period',
    label: 'Period',
    options: (choices.periods.includes(period) ? choices.periods : [period, ...choices.periods]).map(
      (value) => ({
        value,
        text: value,
      }),
    ),
    selected: period,
  };
}

export function departmentSelect(choices: FilterChoices, department: string | undefined): Select {
  return {
    name: 'department',
    label: 'Department',
    options: [
      { value: '', text: 'All departments' },
      ...choices.departments.map(({ code, name }) => ({ value: code, text: `${code} – ${name}` })),
    ],
    selected: department,
  };
}

export function warehouseSelect(choices: FilterChoices, warehouse: string | undefined): Select {
  return {
    name: 'warehouse',
    label: 'Warehouse',
    options: [
      { value: '', text: 'All warehouses' },
      ...choices.warehouses.map(({ code, name }) => ({ value: code, text: `${code} – ${name}` })),
    ],
    selected: warehouse,
  };
}
