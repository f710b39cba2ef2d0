{#- dbt-duckdb names relations "<catalog>"."<schema>"."<name>", and the catalog is the database file's stem.
    A view stores that text, so it would break once the file is copied or renamed (run-dbt.sh works on a copy,
    `ledgerline backup` copies). These overrides drop the catalog from ref() and source(), so views bind to
    whatever file they live in. dbt-only: the embedded runner renders schema.name itself. -#}
{% macro ref() -%}
    {%- do return(builtins.ref(*varargs, **kwargs).include(database=false)) -%}
{%- endmacro %}

{% macro source() -%}
    {%- do return(builtins.source(*varargs, **kwargs).include(database=false)) -%}
{%- endmacro %}
