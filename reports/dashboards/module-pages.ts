// What the sales and supply dashboards share: their filters, the dates they read (the month and the window of
// months ending with it), the figures of an aging, and the note saying which panels a filter narrows.
import { addMonths, monthEnd } from '../dates.ts';
import { KPI_MONTHS_DEFAULT } from '../kpis/fragments.ts';
import { esc } from './html.ts';
import type { Figure, LinkedResult } from './panels.ts';
import type { SupplyWindow } from './supply-panels.ts';

export interface ModuleFilters {
  period: string;
  department?: string;
  warehouse?: string;
}

/** The dates a module page reads: its month, and the window of months ending with it. */
export interface PageDates extends SupplyWindow {
  monthStart: string;
  /** The window's months, oldest first (YYYY-MM), for the sparklines. */
  months: string[];
}

export function pageDates(filters: ModuleFilters): PageDates {
  const monthStart = `${filters.period}-01`;
  const from = addMonths(monthStart, 1 - KPI_MONTHS_DEFAULT);
  const months = Array.from({ length: KPI_MONTHS_DEFAULT }, (_, index) => addMonths(from, index).slice(0, 7));
  return {
    monthStart,
    from,
    to: monthEnd(monthStart),
    months,
    label: `${from.slice(0, 7)} to ${filters.period}`,
    warehouse: filters.warehouse,
  };
}

/** The aging's figures, the oldest bucket named by its limit in days. */
export function agingFigures(aging: LinkedResult, extra: readonly Figure[] = []): readonly Figure[] {
  return [
    { key: 'open_amount', label: 'Open', type: 'money' },
    { key: 'not_due', label: 'Not due', type: 'money' },
    { key: 'overdue', label: 'Overdue', type: 'money' },
    { key: 'over_bucket_3', label: `Over ${aging.params.bucket_3} days`, type: 'money' },
    ...extra,
  ];
}

/** The bucket limits the aging ran with, in words. */
export function bucketWords(aging: LinkedResult): string {
  const buckets = aging.params as { bucket_1: number; bucket_2: number; bucket_3: number };
  const { bucket_1: one, bucket_2: two, bucket_3: three } = buckets;
  return `1–${one}, ${one + 1}–${two}, ${two + 1}–${three} and over ${three}`;
}

/** What each filter in the URL narrows on this page, in words; nothing when no filter is set. */
export function scopeNotes(
  filters: ModuleFilters,
  narrows: { warehouse: string; department: string },
): string {
  const notes: string[] = [];
  if (filters.warehouse) notes.push(`Warehouse ${filters.warehouse}: ${narrows.warehouse}`);
  if (filters.department) notes.push(`Department ${filters.department}: ${narrows.department}`);
  return notes.map((note) => `<p class="note scope">${esc(note)}</p>`).join('\n');
}

/** A count with its noun: `1 customer`, `2 customers`. */
export function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
