-- The chart of accounts for reporting: one row per account (groups included) with its place in the
-- hierarchy and every statement and cash-flow mapping column.
with

accounts as (
    select * from {{ ref('stg_ref__accounts') }}
),

hierarchy as (
    select * from {{ ref('int_accounts_flattened') }}
),

final as (
    select
        accounts.code,
        accounts.name,
        accounts.type,
        accounts.parent_code,
        parents.name as parent_name,
        accounts.is_group,
        not accounts.is_group as is_postable,
        hierarchy.level,
        hierarchy.path,
        hierarchy.top_level_code,
        top_levels.name as top_level_name,
        accounts.normal_balance,
        accounts.statement,
        accounts.statement_section,
        accounts.statement_line,
        accounts.cash_flow_category,
        accounts.cash_flow_line,
        accounts.sort_order
    from accounts
    left join hierarchy
        on accounts.code = hierarchy.code
    left join accounts as parents
        on accounts.parent_code = parents.code
    left join accounts as top_levels
        on hierarchy.top_level_code = top_levels.code
)

select * from final
