-- The cash of each document attributed to the lines it settled, for the IAS 7 direct method and for the
-- investing and financing sections of both methods: one row per document x dimensions of its cash lines x
-- counter line. A document's cash lines are netted per dimension combination (moves between cash accounts
-- cancel out), and that net amount is shared among the non-cash lines on the other side of the entry in
-- proportion to their amounts, in exact cents (largest remainder). Lines mapped non_cash (accumulated
-- depreciation, result accounts) share only when nothing else is on the other side, so a disposal's proceeds
-- land in investing. A net amount with nothing on the other side is kept whole as an operating transfer.
with

journal_lines as (
    select * from {{ ref('fct_journal_lines') }}
),

cash_groups as (
    select
        document_number,
        any_value(document_type) as document_type,
        any_value(posting_date) as posting_date,
        any_value(period) as period,
        any_value(fiscal_year) as fiscal_year,
        coalesce(department, '') as department,
        coalesce(cost_center, '') as cost_center,
        coalesce(project, '') as project,
        sum(amount) as cash_amount
    from journal_lines
    where cash_flow_category = 'cash'
    group by document_number, coalesce(department, ''), coalesce(cost_center, ''), coalesce(project, '')
    having sum(amount) <> 0
),

counter_lines as (
    select
        document_number,
        line_no,
        account_code,
        statement,
        statement_section,
        cash_flow_category,
        cash_flow_line,
        amount,
        case when cash_flow_category = 'non_cash' then 2 else 1 end as tier
    from journal_lines
    where cash_flow_category <> 'cash'
),

candidates as (
    select
        cash_groups.*,
        counter_lines.line_no,
        counter_lines.account_code,
        counter_lines.statement,
        counter_lines.statement_section,
        counter_lines.cash_flow_category,
        counter_lines.cash_flow_line,
        counter_lines.tier,
        cast(abs(cash_groups.cash_amount) * 100 as hugeint) as cash_cents,
        cast(abs(counter_lines.amount) * 100 as hugeint) as weight_cents
    from cash_groups
    inner join counter_lines
        on cash_groups.document_number = counter_lines.document_number
        and sign(counter_lines.amount) = -sign(cash_groups.cash_amount)
    qualify counter_lines.tier = min(counter_lines.tier) over (
        partition by cash_groups.document_number, cash_groups.department, cash_groups.cost_center,
            cash_groups.project
    )
),

shares as (
    select
        *,
        cash_cents * weight_cents // sum(weight_cents) over cash_group as floor_cents,
        cash_cents * weight_cents % sum(weight_cents) over cash_group as remainder_cents
    from candidates
    window cash_group as (partition by document_number, department, cost_center, project)
),

ranked as (
    select
        *,
        cash_cents - sum(floor_cents) over cash_group as leftover_cents,
        row_number() over (
            partition by document_number, department, cost_center, project
            order by remainder_cents desc, line_no
        ) as remainder_rank
    from shares
    window cash_group as (partition by document_number, department, cost_center, project)
),

allocated as (
    select
        document_number,
        document_type,
        posting_date,
        period,
        fiscal_year,
        department,
        cost_center,
        project,
        line_no as counter_line_no,
        account_code as counter_account_code,
        statement as counter_statement,
        statement_section as counter_statement_section,
        cash_flow_category as counter_cash_flow_category,
        cash_flow_line as counter_cash_flow_line,
        sign(cash_amount)
            * (floor_cents + case when remainder_rank <= leftover_cents then 1 else 0 end) as amount_cents
    from ranked
),

unallocated as (
    select
        document_number,
        document_type,
        posting_date,
        period,
        fiscal_year,
        department,
        cost_center,
        project,
        cast(null as integer) as counter_line_no,
        cast(null as varchar) as counter_account_code,
        cast(null as varchar) as counter_statement,
        cast(null as varchar) as counter_statement_section,
        cast(null as varchar) as counter_cash_flow_category,
        cast(null as varchar) as counter_cash_flow_line,
        cast(cash_amount * 100 as hugeint) as amount_cents
    from cash_groups
    where not exists (
        select 1
        from candidates
        where candidates.document_number = cash_groups.document_number
            and candidates.department = cash_groups.department
            and candidates.cost_center = cash_groups.cost_center
            and candidates.project = cash_groups.project
    )
),

final as (
    select
        document_number || '|' || department || '|' || cost_center || '|' || project || '|'
            || coalesce(cast(counter_line_no as varchar), '') as allocation_key,
        document_number,
        document_type,
        posting_date,
        period,
        fiscal_year,
        department,
        cost_center,
        project,
        counter_line_no,
        counter_account_code,
        counter_statement,
        counter_statement_section,
        counter_cash_flow_category,
        counter_cash_flow_line,
        case
            when counter_cash_flow_category in ('investing', 'financing') then counter_cash_flow_category
            else 'operating'
        end as cash_flow_section,
        -- The direct method's line: what the cash paid for or came from. Investing and financing keep the
        -- chart's cash-flow line; operating cash against income and expenses is named by the statement section.
        case
            when counter_account_code is null then 'cash_transfers'
            when counter_cash_flow_category in ('investing', 'financing') then counter_cash_flow_line
            when counter_statement = 'income_statement' then counter_statement_section
            else counter_cash_flow_line
        end as direct_line,
        (cast(amount_cents as decimal(38, 0)) * 0.01)::decimal(18, 2) as amount
    from (
        select * from allocated
        union all
        select * from unallocated
    )
)

select * from final
