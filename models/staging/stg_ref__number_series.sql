-- Document numbering series: one row per series (one per document type).
with

source as (
    select * from {{ source('ref', 'number_series') }}
),

final as (
    select
        series,
        document_type,
        prefix,
        padding,
        resets
    from source
)

select * from final
