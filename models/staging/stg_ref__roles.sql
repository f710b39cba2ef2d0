-- Application roles: one row per role.
with

source as (
    select * from {{ source('ref', 'roles') }}
),

final as (
    select
        role,
        description,
        is_read_only
    from source
)

select * from final
