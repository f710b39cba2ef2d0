// Rendering dbt Jinja: ref, source, config, var, env_var, is_incremental, this, and refusals with file and line.
import { afterEach, describe, expect, it } from 'vitest';
import { TransformError } from './errors.ts';
import { Relation } from './relation.ts';
import { type RenderContext, renderSql } from './render.ts';

function context(overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    file: 'models/marts/x.sql',
    projectName: 'fixture',
    vars: { currency: 'EUR', statuses: ['open', 'paid'] },
    macroNames: new Set(['cents_to_euros']),
    self: new Relation('marts', 'x'),
    isIncremental: false,
    execute: true,
    baseConfig: { materialized: 'view' },
    ref: (name) => new Relation('main', name),
    source: (source, table) => new Relation(`src_${source}`, table),
    ...overrides,
  };
}

function renderError(sql: string, overrides: Partial<RenderContext> = {}): TransformError {
  try {
    renderSql(sql, context(overrides));
  } catch (error) {
    if (error instanceof TransformError) return error;
    throw error;
  }
  throw new Error('expected the render to fail');
}

afterEach(() => {
  delete process.env.LL_TEST_REGION;
});

describe('renderSql', () => {
  it('renders ref, source and this as quoted schema-qualified relations and records them', () => {
    const out = renderSql(
      "select * from {{ ref('a') }} join {{ source('facts', 'sales') }} using (id) -- into {{ this }}",
      context(),
    );
    expect(out.sql).toBe('select * from "main"."a" join "src_facts"."sales" using (id) -- into "marts"."x"');
    expect(out.refs).toEqual(['a']);
    expect(out.sources).toEqual([['facts', 'sales']]);
  });

  it('accepts the two-argument ref naming the project itself', () => {
    expect(renderSql("{{ ref('fixture', 'a') }}", context()).sql).toBe('"main"."a"');
  });

  it('captures config() keyword arguments, including lists, and renders nothing for it', () => {
    const out = renderSql(
      "{{ config(materialized='incremental', unique_key=['a', 'b'], tags=['daily']) }}select 1",
      context(),
    );
    expect(out.sql).toBe('select 1');
    expect(out.config).toEqual({ materialized: 'incremental', unique_key: ['a', 'b'], tags: ['daily'] });
  });

  it('reads config back with config.get, over the config known before the model', () => {
    const out = renderSql(
      "{{ config(schema='marts') }}{{ config.get('schema') }} {{ config.get('materialized') }} {{ config.get('nope', 'd') }}",
      context(),
    );
    expect(out.sql).toBe('marts view d');
  });

  it('resolves var with project values, defaults and Python-style lists', () => {
    const out = renderSql(
      "{{ var('currency') }} {{ var('missing', 7) }} {{ var('statuses') }} {% for s in var('statuses') %}{{ s }};{% endfor %}",
      context(),
    );
    expect(out.sql).toBe("EUR 7 ['open', 'paid'] open;paid;");
  });

  it('fails on a required var that is not set, naming it', () => {
    const error = renderError("select 1\nwhere x = '{{ var('region') }}'");
    expect(error.code).toBe('var_not_found');
    expect(error.message).toBe("models/marts/x.sql:2: required var 'region' not found in config");
  });

  it('reads env_var with a default, and fails without one', () => {
    process.env.LL_TEST_REGION = 'north';
    expect(renderSql("{{ env_var('LL_TEST_REGION') }} {{ env_var('LL_NOT_SET', 'x') }}", context()).sql).toBe(
      'north x',
    );
    expect(renderError("{{ env_var('LL_NOT_SET') }}").code).toBe('env_var_not_found');
  });

  it('renders the is_incremental() branch only when the model is incremental', () => {
    const sql =
      'select * from t{% if is_incremental() %} where seq > (select max(seq) from {{ this }}){% endif %}';
    expect(renderSql(sql, context()).sql).toBe('select * from t');
    expect(renderSql(sql, context({ isIncremental: true })).sql).toBe(
      'select * from t where seq > (select max(seq) from "marts"."x")',
    );
  });

  it('drops {# comments #} and honours {%- -%} whitespace control', () => {
    const sql = 'select\n    {#- why: keep it short -#}\n    1 as a\n{%- if true %}\n, 2 as b\n{%- endif %}';
    expect(renderSql(sql, context()).sql).toBe('select1 as a\n, 2 as b');
  });

  it('names the file and line of an unsupported context name', () => {
    const error = renderError("select 1\nfrom t\nwhere x in {{ adapter.get_columns_in_relation(ref('a')) }}");
    expect(error.code).toBe('unsupported_jinja');
    expect(error.message).toBe("models/marts/x.sql:3: unsupported Jinja: 'adapter'");
  });

  it('refuses a name used only in a condition, which would otherwise be silently false', () => {
    expect(renderError("select 1\n{% if target.name == 'prod' %}where 1 = 0{% endif %}").message).toBe(
      "models/marts/x.sql:2: unsupported Jinja: 'target'",
    );
  });

  it('says when an unknown name is a project macro', () => {
    expect(renderError('select\n\n{{ cents_to_euros("amount") }}').message).toBe(
      "models/marts/x.sql:3: unsupported Jinja: 'cents_to_euros' (project macros are not run by the embedded runner)",
    );
  });

  it('refuses unknown tags, unknown filters and Python method calls', () => {
    expect(renderError('select 1\n{% do x.append(1) %}').message).toBe(
      "models/marts/x.sql:2: unsupported Jinja: tag 'do'",
    );
    expect(renderError("{{ 'a' | tojson }}").message).toBe(
      "models/marts/x.sql:1: unsupported Jinja: filter 'tojson'",
    );
    expect(renderError("{% set s = 'a-b' %}\n{{ s.replace('-', '_') }}").message).toBe(
      "models/marts/x.sql:2: unsupported Jinja: method call '.replace()'",
    );
  });

  it('refuses Python string formatting, which JavaScript would turn into NaN', () => {
    expect(renderError("select '{{ '%s' % var('currency') }}'").message).toBe(
      "models/marts/x.sql:1: unsupported Jinja: Python string operator '%'",
    );
  });

  it('allows names bound by set, for and macro', () => {
    const sql =
      "{% macro col(n) %}c_{{ n }}{% endmacro %}{% set cols = ['a', 'b'] %}{% for c in cols %}{{ col(c) }}{% if not loop.last %}, {% endif %}{% endfor %}";
    expect(renderSql(sql, context()).sql).toBe('c_a, c_b');
  });

  it('reports a failing ref with its file and line', () => {
    const error = renderError("select 1\nfrom {{ ref('ghost') }}", {
      ref: (name) => {
        throw new TransformError('ref_not_found', `a node named '${name}' was not found`);
      },
    });
    expect(error.code).toBe('ref_not_found');
    expect(error.message).toBe("models/marts/x.sql:2: a node named 'ghost' was not found");
  });
});
