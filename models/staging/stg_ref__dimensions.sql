-- Analytical dimension values (departments, cost centres, projects): one row per dimension and code.
with

source as (
    select * from {{ source('ref', 'dimensions') }}
),

final as (
    select
        dimension,
        code,
        name
    from source
)

select * from final
