// Trial balance by leaf account: opening, movement (debit, credit) and closing, as of a date or for a range.
import { z } from 'zod';
import { formatMoney, IsoDate } from '../../ingest/index.ts';
import { minorFromString } from '../../ingest/money.ts';
import { column, defineReport, type Row } from '../definition.ts';
import { checkRangeOrder, dimensionFilters, fieldIssue } from '../params.ts';
import { drillToLedger } from './drill.ts';
import {
  addDays,
  BEGINNING,
  BEGINNING_DATE,
  cutsBefore,
  cutsKey,
  type MonthCuts,
  monthCuts,
  monthSplitBindings,
  movementsBetween,
  shapeCache,
} from './fragments.ts';

export const TrialBalanceParams = z
  .strictObject({
    as_of: IsoDate.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    ...dimensionFilters,
  })
  .superRefine((params, ctx) => {
    if (params.as_of && (params.from || params.to)) {
      const path = params.from ? 'from' : 'to';
      fieldIssue(ctx, path, 'as_of_with_range', 'give either as_of or from and to, not both');
    } else if (!params.as_of && !params.from && !params.to) {
      fieldIssue(ctx, 'as_of', 'required', 'give as_of, or from and to');
    } else if (!params.as_of && !(params.from && params.to)) {
      fieldIssue(ctx, params.from ? 'to' : 'from', 'required', 'a range needs both from and to');
    }
    checkRangeOrder(params, ctx);
  })
  // As of a date = a range from the beginning of the ledger, so opening is zero and balance is the closing.
  .transform((params) => ({
    ...params,
    from: params.as_of ? null : (params.from ?? null),
    to: params.as_of ?? params.to ?? '',
  }));

const FROM = `coalesce(cast($from as date), ${BEGINNING})`;
const TO = 'cast($to as date)';

/** Opening and movement per leaf account; `opening` null when the range starts with the ledger (as_of). */
const perAccount = (opening: MonthCuts | null, range: MonthCuts) => `
with

accounts as (
    select code, name, type, level, path, sort_order
    from marts.dim_accounts
    where not is_group
),

opening as (${
  opening
    ? `
    select account_code, sum(amount) as amount
    from (${movementsBetween(BEGINNING, `${FROM} - 1`, opening, 'opening')})
    group by account_code`
    : `
    -- As of a date: the range starts with the ledger, nothing comes before it.
    select cast(null as varchar) as account_code, cast(0 as decimal(18, 2)) as amount
    where false`
}
),

movement as (
    select account_code, sum(debit) as debit, sum(credit) as credit
    from (${movementsBetween(FROM, TO, range, 'range')})
    group by account_code
),

per_account as (
    select
        accounts.code as account,
        accounts.name,
        accounts.type,
        accounts.level,
        accounts.path,
        accounts.sort_order,
        coalesce(opening.amount, 0) as opening,
        coalesce(movement.debit, 0) as debit,
        coalesce(movement.credit, 0) as credit
    from accounts
    left join opening
        on accounts.code = opening.account_code
    left join movement
        on accounts.code = movement.account_code
    where opening.account_code is not null
        or movement.account_code is not null
),

final as (
    select
        *,
        debit - credit as balance,
        opening + debit - credit as closing
    from per_account
)
`;

const rowsSql = (opening: MonthCuts | null, range: MonthCuts) => `${perAccount(opening, range)}
select
    account,
    name,
    type,
    level,
    path,
    opening::decimal(18, 2) as opening,
    debit::decimal(18, 2) as debit,
    credit::decimal(18, 2) as credit,
    balance::decimal(18, 2) as balance,
    closing::decimal(18, 2) as closing,
    greatest(closing, 0)::decimal(18, 2) as closing_debit,
    greatest(-closing, 0)::decimal(18, 2) as closing_credit
from final
order by sort_order, account`;

/** The SQL text per range shape, built once. */
const cached = shapeCache();

const MEASURES = ['opening', 'debit', 'credit', 'balance', 'closing', 'closing_debit', 'closing_credit'];

/** Totals of every measure over the rows, in exact minor units (the rows are every account that counts). */
function totalsOf(rows: Row[]): Row {
  const totals: Row = {};
  for (const measure of MEASURES) {
    const sum = rows.reduce((total, row) => total + minorFromString(String(row[measure])), 0n);
    totals[measure] = formatMoney(sum);
  }
  return { ...totals, accounts: rows.length };
}

export const trialBalance = defineReport({
  id: 'trial-balance',
  title: 'Trial balance',
  description:
    'Every leaf account with a balance or a movement: opening, debit and credit movement, balance (= debit - credit) and closing. ' +
    'as_of gives balances since the beginning of the ledger; from/to gives opening, movement and closing for the range.',
  kind: 'statement',
  params: TrialBalanceParams,
  // The SQL of the range's shape: ranges of whole months read the monthly mart alone (values stay bound).
  sql(params) {
    const opening = params.from === null ? null : cutsBefore(params.from);
    const range = monthCuts(params.from, params.to);
    const key = `${opening ? cutsKey(opening) : 'as_of'}:${cutsKey(range)}`;
    return cached(key, () => rowsSql(opening, range));
  },
  columns: [
    column('account', 'Account', 'text'),
    column('name', 'Name', 'text'),
    column('opening', 'Opening', 'money'),
    column('debit', 'Debit', 'money'),
    column('credit', 'Credit', 'money'),
    column('balance', 'Balance', 'money'),
    column('closing', 'Closing', 'money'),
    column('closing_debit', 'Closing debit', 'money'),
    column('closing_credit', 'Closing credit', 'money'),
  ],
  workbook: {
    sheet: 'Trial balance',
    outlineLevelField: 'level',
    freezeHeader: true,
    totals: Object.fromEntries(
      ['opening', 'debit', 'credit', 'balance', 'closing', 'closing_debit', 'closing_credit'].map((name) => [
        name,
        { sum: name },
      ]),
    ),
  },
  async resolve(_db, params) {
    return {
      ...monthSplitBindings('range', params.from, params.to),
      ...(params.from === null ? {} : monthSplitBindings('opening', null, addDays(params.from, -1))),
    };
  },
  shape(raw, params) {
    const range = { from: params.from ?? BEGINNING_DATE, to: params.to };
    const rows = raw.rows.map((row) => ({
      ...row,
      drill: drillToLedger(String(row.account), range, params),
    }));
    return { rows, totals: totalsOf(raw.rows) };
  },
});
