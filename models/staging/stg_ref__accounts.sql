-- The chart of accounts as it stands (seeded at init, extended by POST /accounts): one row per account.
with

source as (
    select * from {{ source('ref', 'accounts') }}
),

final as (
    select
        code,
        name,
        type,
        -- Top-level groups have no parent; an empty string from a hand-edited CSV means the same.
        nullif(trim(parent_code), '') as parent_code,
        is_group,
        normal_balance,
        statement,
        statement_section,
        statement_line,
        cash_flow_category,
        cash_flow_line,
        sort_order
    from source
)

select * from final
