// SQL shared by the KPI reports: the monthly position of the books (result measures of each month and the
// balances at its end), read from the pre-aggregated balances so no KPI rescans the ledger.
import { z } from 'zod';
import { Code, Period } from '../../ingest/index.ts';

/** Months of history a KPI report reads at most (three years), and by default (a year). */
export const KPI_MONTHS_MAX = 36;
export const KPI_MONTHS_DEFAULT = 12;

/** The month the KPIs describe, how many months of history end there, and the department filter. */
export const kpiWindow = {
  period: Period,
  months: z.coerce.number().int().min(2).max(KPI_MONTHS_MAX).default(KPI_MONTHS_DEFAULT),
  department: Code.optional(),
};

/** The first month of the window: `$months - 1` months before `$period`. */
export const WINDOW_START = "strftime(cast($period || '-01' as date) - to_months($months - 1), '%Y-%m')";

/**
 * One row per calendar month up to `$period` (every month since the calendar starts, so the balances can
 * accumulate): the month's result measures and the balances at its end.
 *
 * Result measures leave year-end closing entries out (they move the result to retained earnings, they are not
 * business); balances include them. Revenue is the revenue section (credit - debit, so deductions subtract);
 * cost of sales the cost_of_sales section (debit - credit); EBIT is the result before finance costs, finance
 * income and income tax. Cash is every account the chart maps to cash_flow_category 'cash' (IAS 7 cash and
 * cash equivalents); receivables and payables are the trade_receivables and trade_payables lines; inventory the
 * inventories line. A department filter applies to every measure, balances included.
 */
export const MONTHLY_POSITION = `
accounts as (
    select code, statement, statement_section, statement_line, cash_flow_category
    from marts.dim_accounts
    where not is_group
),

movements as (
    select
        balances.period,
        balances.is_closing_entry,
        balances.net_movement,
        accounts.*
    from marts.fct_account_balances as balances
    inner join accounts
        on balances.account_code = accounts.code
    where balances.period <= $period
        and (cast($department as varchar) is null or balances.department = $department)
),

per_month as (
    select
        periods.period,
        day(periods.period_end_date) as days,
        coalesce(sum(-movements.net_movement) filter (
            where movements.statement_section = 'revenue' and not movements.is_closing_entry
        ), 0) as revenue,
        coalesce(sum(movements.net_movement) filter (
            where movements.statement_section = 'cost_of_sales' and not movements.is_closing_entry
        ), 0) as cost_of_sales,
        coalesce(sum(-movements.net_movement) filter (
            where movements.statement = 'income_statement'
                and movements.statement_section not in ('finance_costs', 'income_tax')
                and movements.statement_line <> 'finance_income'
                and not movements.is_closing_entry
        ), 0) as ebit,
        coalesce(sum(movements.net_movement) filter (where movements.cash_flow_category = 'cash'), 0)
            as cash_movement,
        coalesce(sum(movements.net_movement) filter (where movements.statement_line = 'trade_receivables'), 0)
            as receivables_movement,
        coalesce(sum(-movements.net_movement) filter (where movements.statement_line = 'trade_payables'), 0)
            as payables_movement,
        coalesce(sum(movements.net_movement) filter (where movements.statement_line = 'inventories'), 0)
            as inventory_movement
    from marts.dim_periods as periods
    left join movements
        on periods.period = movements.period
    where periods.period <= $period
    group by periods.period, periods.period_end_date
),

positions as (
    select
        period,
        days,
        revenue,
        cost_of_sales,
        ebit,
        sum(cash_movement) over running as cash,
        sum(receivables_movement) over running as receivables,
        sum(payables_movement) over running as payables,
        sum(inventory_movement) over running as inventory
    from per_month
    window running as (order by period rows between unbounded preceding and current row)
)`;
