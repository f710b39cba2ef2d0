// Receivables: the aging of what customers owe as of a date (buckets as parameters), the customer ledger with
// its running balance, and days sales outstanding. All read the receivables subledger's movements, so an open
// amount as of a date counts only what happened by then.
import { z } from 'zod';
import { Code, IsoDate } from '../../ingest/index.ts';
import { column, defineReport } from '../definition.ts';
import { checkRangeOrder, dateRange } from '../params.ts';
import { agingChart } from './aging-chart.ts';
import { AGING_BUCKETS, AGING_TOTALS, agingOrder, bucketsRise, Top } from './ap-aging.ts';
import { JOURNAL_JOIN, JOURNAL_OF_DOCUMENT } from './journal-of-document.ts';

/** Entries a customer ledger answers at most. */
export const LEDGER_ROWS_MAX = 5_000;

const AGING = `
with

open_items as (
    select
        customer_code,
        item_number,
        any_value(item_type) as item_type,
        any_value(due_date) as due_date,
        sum(amount) as open_amount
    from marts.fct_receivable_movements
    where movement_date <= cast($as_of as date)
        and (cast($customer as varchar) is null or customer_code = $customer)
    group by customer_code, item_number
    having sum(amount) <> 0
),

aged as (
    select *, date_diff('day', due_date, cast($as_of as date)) as days_overdue from open_items
),

aging as (
    select
        aged.customer_code as customer,
        any_value(customers.customer_name) as customer_name,
        sum(open_amount) filter (where item_type = 'unallocated_cash')::decimal(18, 2) as unallocated,
        sum(open_amount) filter (where item_type = 'invoice' and days_overdue <= 0)::decimal(18, 2) as not_due,
        sum(open_amount) filter (where item_type = 'invoice' and days_overdue between 1 and $bucket_1)::decimal(18, 2)
            as bucket_1,
        sum(open_amount) filter (
            where item_type = 'invoice' and days_overdue > $bucket_1 and days_overdue <= $bucket_2
        )::decimal(18, 2) as bucket_2,
        sum(open_amount) filter (
            where item_type = 'invoice' and days_overdue > $bucket_2 and days_overdue <= $bucket_3
        )::decimal(18, 2) as bucket_3,
        sum(open_amount) filter (where item_type = 'invoice' and days_overdue > $bucket_3)::decimal(18, 2)
            as over_bucket_3,
        sum(open_amount)::decimal(18, 2) as open_amount
    from aged
    left join marts.dim_customers as customers
        on aged.customer_code = customers.customer_code and customers.is_current
    group by aged.customer_code
)
`;

const money = (name: string) => `coalesce(${name}, 0)::decimal(18, 2) as ${name}`;
const BUCKETS = [
  'not_due',
  'bucket_1',
  'bucket_2',
  'bucket_3',
  'over_bucket_3',
  'unallocated',
  'open_amount',
];

export const arAging = defineReport({
  id: 'ar-aging',
  title: 'Accounts receivable aging',
  description:
    'What each customer owes as of a date, by days past due: not due, 1..bucket_1, ..bucket_2, ..bucket_3 and ' +
    'beyond (30/60/90 by default), and unallocated cash (a credit), by customer; with `top`, only the `top` ' +
    'customers owing most, largest first. Filter: customer. Totals: the whole receivables subledger, which ' +
    'equals the receivables accounts (a dbt test), and `overdue` (every bucket past due).',
  kind: 'report',
  params: z
    .strictObject({ as_of: IsoDate, customer: Code.optional(), ...AGING_BUCKETS, top: Top })
    .refine(...bucketsRise),
  sql: (params) => `${AGING}
select customer, customer_name, ${BUCKETS.map(money).join(', ')} from aging
${agingOrder('customer', params.top)}`,
  totalsSql: `${AGING}
select ${BUCKETS.map((name) => `coalesce(sum(${name}), 0)::decimal(18, 2) as ${name}`).join(', ')},
    ${AGING_TOTALS.overdue}
from aging`,
  columns: [
    column('customer', 'Customer', 'text'),
    column('customer_name', 'Name', 'text'),
    column('not_due', 'Not due', 'money'),
    column('bucket_1', 'Up to bucket 1', 'money'),
    column('bucket_2', 'Up to bucket 2', 'money'),
    column('bucket_3', 'Up to bucket 3', 'money'),
    column('over_bucket_3', 'Beyond bucket 3', 'money'),
    column('unallocated', 'Unallocated cash', 'money'),
    column('open_amount', 'Open', 'money'),
  ],
  chart: agingChart('What customers owe, summed per bucket of days past due'),
  workbook: { sheet: 'AR aging', freezeHeader: true },
});

export const customerLedger = defineReport({
  id: 'customer-ledger',
  title: 'Customer ledger',
  description:
    'Invoices (debit), credit notes and receipts (credit) of one customer between from and to, in date ' +
    `order, with the opening balance, the running balance owed and the journal each document posted; at most ${LEDGER_ROWS_MAX} entries.`,
  kind: 'report',
  params: z.strictObject({ customer: Code, from: IsoDate, to: IsoDate }),
  sql: `
with

entries as (
    select
        movement_date as entry_date,
        document_number as document,
        document_type as kind,
        item_number as applies_to,
        greatest(amount, 0) as debit,
        greatest(-amount, 0) as credit,
        amount,
        seq
    from marts.fct_receivable_movements
    where customer_code = $customer
),

opening as (
    select coalesce(sum(amount), 0) as balance from entries where entry_date < cast($from as date)
),

ledger as (
    select
        entry_date, document, kind, applies_to,
        debit::decimal(18, 2) as debit, credit::decimal(18, 2) as credit,
        ((select balance from opening)
            + sum(amount) over (order by entry_date, seq rows unbounded preceding))::decimal(18, 2) as balance,
        seq
    from entries
    where entry_date between cast($from as date) and cast($to as date)
    order by entry_date, seq
    limit ${LEDGER_ROWS_MAX}
)

select ledger.* exclude (seq), ${JOURNAL_OF_DOCUMENT}
from ledger
${JOURNAL_JOIN('ledger.document')}
order by ledger.entry_date, ledger.seq`,
  totalsSql: `
select coalesce(sum(amount) filter (where movement_date < cast($from as date)), 0)::decimal(18, 2) as opening_balance,
    coalesce(sum(amount) filter (where movement_date <= cast($to as date)), 0)::decimal(18, 2) as closing_balance
from marts.fct_receivable_movements where customer_code = $customer`,
  columns: [
    column('entry_date', 'Date', 'date'),
    column('document', 'Document', 'text'),
    column('kind', 'Kind', 'text'),
    column('applies_to', 'Applies to', 'text'),
    column('debit', 'Invoiced', 'money'),
    column('credit', 'Credited or paid', 'money'),
    column('balance', 'Balance owed', 'money'),
    column('journal', 'Journal', 'text'),
  ],
});

const DSO = `
with

receivables as (
    select customer_code, sum(amount) as open_amount
    from marts.fct_receivable_movements
    where movement_date <= cast($to as date)
    group by customer_code
),

billed as (
    select customer_code, sum(amount) as gross_billed
    from marts.fct_receivable_movements
    where document_type in ('customer-invoice', 'credit-note')
        and movement_date between cast($from as date) and cast($to as date)
    group by customer_code
),

per_customer as (
    select
        coalesce(receivables.customer_code, billed.customer_code) as customer,
        coalesce(receivables.open_amount, 0) as open_amount,
        coalesce(billed.gross_billed, 0) as gross_billed
    from receivables
    full outer join billed
        on receivables.customer_code = billed.customer_code
)
`;

/** Days sales outstanding: receivables at the end over gross billed in the window, times its days. */
const dsoOf = (open: string, billed: string) =>
  `case when ${billed} > 0 then round(${open} / ${billed} * (date_diff('day', cast($from as date), cast($to as date)) + 1), 1) end`;

export const daysSalesOutstanding = defineReport({
  id: 'dso',
  title: 'Days sales outstanding',
  description:
    'Per customer and in total: receivables open at `to`, gross billed (invoices less credit notes, tax ' +
    'included) between from and to, and DSO = open / billed × days in the window.',
  kind: 'report',
  params: z.strictObject(dateRange).superRefine(checkRangeOrder),
  sql: `${DSO}
select customer, open_amount::decimal(18, 2) as open_amount, gross_billed::decimal(18, 2) as gross_billed,
    ${dsoOf('open_amount', 'gross_billed')} as dso_days
from per_customer
where open_amount <> 0 or gross_billed <> 0
order by customer`,
  totalsSql: `${DSO}
select sum(open_amount)::decimal(18, 2) as open_amount, sum(gross_billed)::decimal(18, 2) as gross_billed,
    ${dsoOf('sum(open_amount)', 'sum(gross_billed)')} as dso_days
from per_customer`,
  columns: [
    column('customer', 'Customer', 'text'),
    column('open_amount', 'Receivables at end', 'money'),
    column('gross_billed', 'Billed in window', 'money'),
    column('dso_days', 'DSO (days)', 'number'),
  ],
});
