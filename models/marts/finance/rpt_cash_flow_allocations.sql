-- The cash of each document attributed to the lines it settled, for the IAS 7 direct method and for the
-- investing and financing sections of both methods: one row per document x dimensions of its cash lines x
-- counter line. A document's cash lines are netted per dimension combination (moves between cash accounts
-- cancel out), and that net amount is shared among the non-cash lines on the other side of the entry in
-- proportion to their amounts, in exact cents (largest remainder). Lines mapped non_cash (accumulated
-- depreciation, result accounts) share only when nothing else is on the other side, so a disposal's proceeds
-- land in investing. A net amount with nothing on the other side is kept whole as an operating transfer.
-- Incremental by document: a document's allocation depends on its own lines only, and a document is posted
-- in one transaction whose facts take consecutive seqs (ingest writes one transaction per document, seq
-- grows in commit order), so every line above this table's highest last_seq belongs to a document not
-- allocated yet, and all of that document's lines are above it. Those documents are appended.
{{
    config(
        materialized='incremental',
        incremental_strategy='append'
    )
}}

{#- Below this, the product of two BIGINT cent amounts fits BIGINT (the square root of 2^63 - 1, rounded down). -#}
{%- set bigint_product_safe_cents = 3037000499 %}

with

-- Each account's cash-flow category, from the chart (read from staging, not dim_accounts: see the join at the
-- end). fct_journal_lines carries the account code only; the few accounts are joined to the lines here.
account_categories as (
    select code, cash_flow_category from {{ ref('stg_ref__accounts') }}
),

-- Cash lines netted per document and dimension combination; each group gets a number (group_id) so the
-- allocation below joins, aggregates and ranks on one integer instead of four strings.
cash_groups as (
    select
        row_number() over () as group_id,
        *
    from (
        select
            document_number,
            coalesce(department, '') as department,
            coalesce(cost_center, '') as cost_center,
            coalesce(project, '') as project,
            any_value(document_type) as document_type,
            any_value(posting_date) as posting_date,
            any_value(period) as period,
            any_value(fiscal_year) as fiscal_year,
            sum(amount) as cash_amount,
            max(seq) as last_seq
        from {{ ref('fct_journal_lines') }}
        where account_code in (select code from account_categories where cash_flow_category = 'cash')
        {%- if is_incremental() %}
            and seq > (select coalesce(max(last_seq), 0) from {{ this }})
        {%- endif %}
        group by document_number, coalesce(department, ''), coalesce(cost_center, ''), coalesce(project, '')
        having sum(amount) <> 0
    )
),

-- Every non-cash line on the other side of a cash group, with its weight in cents; tier 2 (non_cash) lines
-- only count when the group has no tier 1 line. Cents are BIGINT: a line's DECIMAL(18,2) is below 10^18
-- cents, and a net cash beyond BIGINT's range fails the cast instead of rounding.
candidates as (
    select
        cash_groups.group_id,
        cast(abs(cash_groups.cash_amount) * 100 as bigint) as cash_cents,
        counter_lines.line_no,
        counter_lines.account_code,
        case when counter_categories.cash_flow_category = 'non_cash' then 2 else 1 end as tier,
        cast(abs(counter_lines.amount) * 100 as bigint) as weight_cents
    from cash_groups
    inner join {{ ref('fct_journal_lines') }} as counter_lines
        on cash_groups.document_number = counter_lines.document_number
        and sign(counter_lines.amount) = -sign(cash_groups.cash_amount)
    inner join account_categories as counter_categories
        on counter_lines.account_code = counter_categories.code
    where counter_categories.cash_flow_category <> 'cash'
    {%- if is_incremental() %}
        and counter_lines.seq > (select coalesce(max(last_seq), 0) from {{ this }})
    {%- endif %}
),

-- Per group: the tier that shares the cash and that tier's total weight (an aggregate, not a window).
group_weights as (
    select
        group_id,
        min(tier) as share_tier,
        -- sum() of BIGINT is HUGEINT; back to BIGINT so the division below stays cheap.
        cast(sum(weight_cents) filter (where tier = 1) as bigint) as tier_1_cents,
        cast(sum(weight_cents) filter (where tier = 2) as bigint) as tier_2_cents
    from candidates
    group by group_id
),

-- Each share's whole cents and remainder. The product of two cent amounts can exceed BIGINT, so it is taken
-- in HUGEINT unless both factors are small enough (nearly always; BIGINT arithmetic is much cheaper).
floors as (
    select
        candidates.*,
        case when group_weights.share_tier = 1 then group_weights.tier_1_cents else group_weights.tier_2_cents end
            as total_cents
    from candidates
    inner join group_weights
        on candidates.group_id = group_weights.group_id
        and candidates.tier = group_weights.share_tier
),

shares as (
    select
        *,
        case
            when cash_cents <= {{ bigint_product_safe_cents }} and weight_cents <= {{ bigint_product_safe_cents }}
                then cash_cents * weight_cents // total_cents
            else cast(cast(cash_cents as hugeint) * weight_cents // total_cents as bigint)
        end as floor_cents,
        case
            when cash_cents <= {{ bigint_product_safe_cents }} and weight_cents <= {{ bigint_product_safe_cents }}
                then cash_cents * weight_cents % total_cents
            else cast(cast(cash_cents as hugeint) * weight_cents % total_cents as bigint)
        end as remainder_cents
    from floors
),

-- Largest remainder: the cents the floors leave over go one each to the lines with the largest remainders
-- (ties by line number).
ranked as (
    select
        *,
        cash_cents - sum(floor_cents) over (partition by group_id) as leftover_cents,
        row_number() over (partition by group_id order by remainder_cents desc, line_no) as remainder_rank
    from shares
),

allocated as (
    select
        group_id,
        line_no as counter_line_no,
        account_code as counter_account_code,
        floor_cents + case when remainder_rank <= leftover_cents then 1 else 0 end as amount_cents
    from ranked
),

-- A group with nothing on the other side keeps its cash whole, without a counter line.
unallocated as (
    select
        cash_groups.group_id,
        cast(null as integer) as counter_line_no,
        cast(null as varchar) as counter_account_code,
        cast(abs(cash_groups.cash_amount) * 100 as bigint) as amount_cents
    from cash_groups
    anti join group_weights
        on cash_groups.group_id = group_weights.group_id
),

allocations as (
    select
        cash_groups.document_number,
        cash_groups.document_type,
        cash_groups.posting_date,
        cash_groups.period,
        cash_groups.fiscal_year,
        cash_groups.department,
        cash_groups.cost_center,
        cash_groups.project,
        shared.counter_line_no,
        shared.counter_account_code,
        counter_accounts.statement as counter_statement,
        counter_accounts.statement_section as counter_statement_section,
        counter_accounts.cash_flow_category as counter_cash_flow_category,
        counter_accounts.cash_flow_line as counter_cash_flow_line,
        sign(cash_groups.cash_amount) * shared.amount_cents as amount_cents,
        cash_groups.last_seq
    from (
        select * from allocated
        union all
        select * from unallocated
    ) as shared
    inner join cash_groups
        on shared.group_id = cash_groups.group_id
    -- The counter line's mapping, from the chart (accounts are only added and keep their mapping), joined
    -- once here instead of carried through the allocation. Read from staging, not dim_accounts: tests of
    -- dim_accounts' other children would otherwise close a cycle in dbt build.
    left join {{ ref('stg_ref__accounts') }} as counter_accounts
        on shared.counter_account_code = counter_accounts.code
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
        (cast(amount_cents as decimal(38, 0)) * 0.01)::decimal(18, 2) as amount,
        -- The highest seq among the cash lines of the group: the watermark of the next incremental run.
        last_seq
    from allocations
)

select * from final
