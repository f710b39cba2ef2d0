// Accounts-payable aging as of a date: what is open on each supplier's invoices, by days past due, in buckets
// whose limits are parameters (30 / 60 / 90 days by default).
import { z } from 'zod';
import { Code, IsoDate } from '../../ingest/index.ts';
import { column, defineReport } from '../definition.ts';
import { agingChart } from './aging-chart.ts';

/** Days a bucket limit may be at most. */
export const BUCKET_DAYS_MAX = 3_650;

const Days = (fallback: number) => z.coerce.number().int().min(1).max(BUCKET_DAYS_MAX).default(fallback);

/** The bucket limits of an aging report in days (30 / 60 / 90 by default); they must rise. */
export const AGING_BUCKETS = { bucket_1: Days(30), bucket_2: Days(60), bucket_3: Days(90) };

export const bucketsRise: [
  (params: { bucket_1: number; bucket_2: number; bucket_3: number }) => boolean,
  { path: string[]; message: string; params: { code: string } },
] = [
  (params) => params.bucket_1 < params.bucket_2 && params.bucket_2 < params.bucket_3,
  {
    path: ['bucket_2'],
    message: 'bucket limits rise: bucket_1 < bucket_2 < bucket_3',
    params: { code: 'buckets_must_rise' },
  },
];

/** Partners an aging answers at most when asked for the `top` ones (those owed or owing most). */
export const AGING_TOP_MAX = 1_000;
export const Top = z.coerce.number().int().min(1).max(AGING_TOP_MAX).optional();

/** Partners in code order; with `top`, those with the largest open amount first, at most `top`. */
export function agingOrder(partner: string, top: number | undefined): string {
  return top === undefined ? `order by ${partner}` : `order by open_amount desc, ${partner}\nlimit $top`;
}

/** Totals every aging adds to its bucket sums: what is past due, whatever the bucket. */
export const AGING_TOTALS = {
  overdue:
    'coalesce(sum(coalesce(bucket_1, 0) + coalesce(bucket_2, 0) + coalesce(bucket_3, 0) + coalesce(over_bucket_3, 0)), 0)::decimal(18, 2) as overdue',
};

export const ApAgingParams = z
  .strictObject({ as_of: IsoDate, supplier: Code.optional(), ...AGING_BUCKETS, top: Top })
  .refine(...bucketsRise);

const AGING = `
with

paid as (
    select invoice_number, sum(amount) as amount
    from marts.fct_supplier_payments
    where payment_date <= cast($as_of as date)
    group by invoice_number
),

open_items as (
    select
        invoices.supplier_code,
        invoices.supplier_name,
        invoices.gross_amount - coalesce(paid.amount, 0) as open_amount,
        date_diff('day', invoices.due_date, cast($as_of as date)) as days_overdue
    from marts.fct_supplier_invoices as invoices
    left join paid
        on invoices.invoice_number = paid.invoice_number
    where invoices.invoice_date <= cast($as_of as date)
        and (cast($supplier as varchar) is null or invoices.supplier_code = $supplier)
),

aging as (
    select
        supplier_code as supplier,
        any_value(supplier_name) as supplier_name,
        sum(open_amount) filter (where days_overdue <= 0)::decimal(18, 2) as not_due,
        sum(open_amount) filter (where days_overdue between 1 and $bucket_1)::decimal(18, 2) as bucket_1,
        sum(open_amount) filter (where days_overdue > $bucket_1 and days_overdue <= $bucket_2)::decimal(18, 2)
            as bucket_2,
        sum(open_amount) filter (where days_overdue > $bucket_2 and days_overdue <= $bucket_3)::decimal(18, 2)
            as bucket_3,
        sum(open_amount) filter (where days_overdue > $bucket_3)::decimal(18, 2) as over_bucket_3,
        sum(open_amount)::decimal(18, 2) as open_amount
    from open_items
    where open_amount <> 0
    group by supplier_code
)
`;

const money = (name: string) => `coalesce(${name}, 0)::decimal(18, 2) as ${name}`;
const BUCKETS = ['not_due', 'bucket_1', 'bucket_2', 'bucket_3', 'over_bucket_3', 'open_amount'];

export const apAging = defineReport({
  id: 'ap-aging',
  title: 'Accounts payable aging',
  description:
    'Open supplier invoices as of a date per supplier, by days past due: not due, 1..bucket_1, ..bucket_2, ' +
    '..bucket_3 and beyond (30/60/90 by default); with `top`, only the `top` suppliers owed most, largest ' +
    'first. Filter: supplier. Totals: the whole payables subledger, and `overdue` (every bucket past due).',
  kind: 'report',
  params: ApAgingParams,
  sql: (params) => `${AGING}
select supplier, supplier_name, ${BUCKETS.map(money).join(', ')} from aging
${agingOrder('supplier', params.top)}`,
  totalsSql: `${AGING}
select ${BUCKETS.map((name) => `coalesce(sum(${name}), 0)::decimal(18, 2) as ${name}`).join(', ')},
    ${AGING_TOTALS.overdue}
from aging`,
  columns: [
    column('supplier', 'Supplier', 'text'),
    column('supplier_name', 'Name', 'text'),
    column('not_due', 'Not due', 'money'),
    column('bucket_1', 'Up to bucket 1', 'money'),
    column('bucket_2', 'Up to bucket 2', 'money'),
    column('bucket_3', 'Up to bucket 3', 'money'),
    column('over_bucket_3', 'Beyond bucket 3', 'money'),
    column('open_amount', 'Open', 'money'),
  ],
  chart: agingChart('What is owed to suppliers, summed per bucket of days past due'),
  workbook: { sheet: 'AP aging', freezeHeader: true },
});
