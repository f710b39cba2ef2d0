-- Each account placed in the hierarchy: its level, its path of codes from the top and its top-level group.
with recursive

accounts as (
    select * from {{ ref('stg_ref__accounts') }}
),

-- Roots are top-level groups, plus any account whose parent is missing so that none is lost.
roots as (
    select accounts.code
    from accounts
    left join accounts as parents
        on accounts.parent_code = parents.code
    where parents.code is null
),

walked as (
    select
        code,
        1 as level,
        code as path,
        code as top_level_code
    from roots

    union all

    select
        accounts.code,
        walked.level + 1 as level,
        walked.path || '/' || accounts.code as path,
        walked.top_level_code
    from walked
    inner join accounts
        on accounts.parent_code = walked.code
    -- A bound on depth, so a malformed chart cannot recurse forever (real charts are 2-4 deep).
    where walked.level < 32
),

final as (
    select
        code,
        level,
        path,
        top_level_code
    from walked
)

select * from final
