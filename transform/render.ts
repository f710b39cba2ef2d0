// Renders a model's Jinja with nunjucks and dbt's context (ref, source, config, var, env_var, is_incremental, this).
import nunjucks from 'nunjucks';
import { isPlainObject, mergeConfig } from './config.ts';
import { messageOf, TransformError } from './errors.ts';
import { checkJinja, unsupported } from './jinja-check.ts';
import { COMPILED_TEMPLATES_MAX } from './limits.ts';
import { pythonLike } from './python-like.ts';
import type { Relation } from './relation.ts';
import type { NodeConfig } from './types.ts';

export interface RenderContext {
  /** Path shown in errors, relative to the project root. */
  file: string;
  projectName: string;
  vars: Record<string, unknown>;
  macroNames: Set<string>;
  /** `this`; null where dbt has none (singular tests). */
  self: Relation | null;
  isIncremental: boolean;
  /** dbt's `execute`: false in the parse render, true when the SQL is about to run. */
  execute: boolean;
  /** Config known before the SQL's own `config()` calls, for `config.get`. */
  baseConfig: NodeConfig;
  ref(name: string): Relation;
  source(source: string, table: string): Relation;
}

export interface Rendered {
  sql: string;
  refs: string[];
  sources: Array<[source: string, table: string]>;
  /** What the SQL's `config()` calls set. */
  config: NodeConfig;
}

interface RenderState {
  refs: string[];
  sources: Array<[string, string]>;
  config: NodeConfig;
  /** The error one of our context functions threw: nunjucks wraps it, we want it back whole. */
  failure: TransformError | null;
}

/** Jinja's defaults: no autoescape; an undefined value in output is an error, not an empty string. */
const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });

/**
 * Checked and compiled templates by file and text: every run renders each model twice (parse, execute), and
 * checking and compiling cost more than rendering. A template that fails either step is never cached.
 */
const compiled = new Map<string, nunjucks.Template>();

export function renderSql(source: string, ctx: RenderContext): Rendered {
  const state: RenderState = { refs: [], sources: [], config: {}, failure: null };
  const template = compiledTemplate(source, ctx, state);
  try {
    const sql = template.render(contextFor(ctx, state));
    return { sql, refs: state.refs, sources: state.sources, config: state.config };
  } catch (error) {
    throw templateError(error, ctx.file, state, 'render');
  }
}

function compiledTemplate(source: string, ctx: RenderContext, state: RenderState): nunjucks.Template {
  const key = `${ctx.file}\0${source}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  checkJinja(source, ctx.file, ctx.macroNames);
  let template: nunjucks.Template;
  try {
    template = new nunjucks.Template(source, env, ctx.file, true);
  } catch (error) {
    throw templateError(error, ctx.file, state, 'parse');
  }
  if (compiled.size >= COMPILED_TEMPLATES_MAX) compiled.clear();
  compiled.set(key, template);
  return template;
}

function contextFor(ctx: RenderContext, state: RenderState): Record<string, unknown> {
  const fail = (error: TransformError): never => {
    state.failure = error;
    throw error;
  };
  return {
    ref: (...args: unknown[]) => refCall(args, ctx, state, fail),
    source: (...args: unknown[]) => {
      const [sourceName, table] = splitArgs(args).positional;
      if (typeof sourceName !== 'string' || typeof table !== 'string')
        fail(new TransformError('render_failed', "source() takes two names: source('source', 'table')"));
      state.sources.push([sourceName as string, table as string]);
      return guarded(() => ctx.source(sourceName as string, table as string), fail);
    },
    config: configFunction(ctx, state, fail),
    var: (...args: unknown[]) => varCall(args, ctx, fail),
    env_var: (...args: unknown[]) => envVarCall(args, fail),
    is_incremental: () => ctx.isIncremental,
    this: ctx.self ?? undefined,
    execute: ctx.execute,
  };
}

function refCall(
  args: unknown[],
  ctx: RenderContext,
  state: RenderState,
  fail: (e: TransformError) => never,
) {
  const { positional, keywords } = splitArgs(args);
  if (Object.keys(keywords).length > 0)
    fail(
      new TransformError('unsupported_feature', 'ref() with keyword arguments (versions) is not supported'),
    );
  const [first, second] = positional;
  if (positional.length === 2 && first !== ctx.projectName)
    fail(new TransformError('unsupported_feature', `ref() into package '${String(first)}' is not supported`));
  const name = positional.length === 2 ? second : first;
  if (typeof name !== 'string' || positional.length > 2)
    fail(new TransformError('render_failed', "ref() takes a model name: ref('model')"));
  state.refs.push(name as string);
  return guarded(() => ctx.ref(name as string), fail);
}

/** `config(...)` records keyword arguments (or one dict); `config.get` and `config.require` read them back. */
function configFunction(ctx: RenderContext, state: RenderState, fail: (e: TransformError) => never) {
  const config = (...args: unknown[]) => {
    const { positional, keywords } = splitArgs(args);
    const dict = isPlainObject(positional[0]) ? positional[0] : {};
    state.config = mergeConfig(state.config, { ...dict, ...keywords });
    return '';
  };
  const lookup = (key: unknown) => mergeConfig(ctx.baseConfig, state.config)[String(key)];
  config.get = (key: unknown, fallback: unknown = null) => lookup(key) ?? fallback;
  config.require = (key: unknown) =>
    lookup(key) ??
    fail(new TransformError('render_failed', `config '${String(key)}' is required but not set`));
  return config;
}

function varCall(args: unknown[], ctx: RenderContext, fail: (e: TransformError) => never): unknown {
  const { positional, keywords } = splitArgs(args);
  const name = String(positional[0]);
  if (Object.hasOwn(ctx.vars, name)) return pythonLike(ctx.vars[name]);
  if (positional.length > 1) return pythonLike(positional[1]);
  if (Object.hasOwn(keywords, 'default')) return pythonLike(keywords.default);
  return fail(new TransformError('var_not_found', `required var '${name}' not found in config`));
}

function envVarCall(args: unknown[], fail: (e: TransformError) => never): unknown {
  const { positional, keywords } = splitArgs(args);
  const name = String(positional[0]);
  const value = process.env[name];
  if (value !== undefined) return value;
  if (positional.length > 1) return pythonLike(positional[1]);
  if (Object.hasOwn(keywords, 'default')) return pythonLike(keywords.default);
  return fail(new TransformError('env_var_not_found', `env var required but not provided: '${name}'`));
}

/** Jinja keyword arguments reach nunjucks functions as a trailing object marked `__keywords`. */
function splitArgs(args: unknown[]): { positional: unknown[]; keywords: Record<string, unknown> } {
  const last = args.at(-1);
  if (isPlainObject(last) && last.__keywords === true) {
    const { __keywords: _marker, ...keywords } = last;
    return { positional: args.slice(0, -1), keywords };
  }
  return { positional: args, keywords: {} };
}

function guarded<T>(work: () => T, fail: (e: TransformError) => never): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof TransformError) return fail(error);
    throw error;
  }
}

/**
 * Turns a nunjucks error into `file:line: …`. Nunjucks reports parse errors and undefined output with
 * 1-based lines but errors raised while rendering with 0-based ones; we add the missing 1.
 */
function templateError(error: unknown, file: string, state: RenderState, phase: 'parse' | 'render') {
  const message = messageOf(error);
  const reported = Number(/\[Line (\d+), Column \d+\]/.exec(message)?.[1] ?? 0);
  const undefinedOutput = message.includes('attempted to output null or undefined value');
  const line = phase === 'parse' || undefinedOutput ? reported : reported + 1;
  if (state.failure)
    return new TransformError(state.failure.code, `${file}:${line}: ${state.failure.message}`);
  const detail = message
    .split('\n')
    .slice(1)
    .join(' ')
    .trim()
    .replace(/^Error: /, '');
  const tag = /unknown block tag: (\S+)/.exec(detail)?.[1];
  if (tag) return unsupported(file, line, `tag '${tag}'`);
  const callee = /Unable to call `([A-Za-z_][A-Za-z0-9_]*)/.exec(detail)?.[1];
  if (callee) return unsupported(file, line, `'${callee}'`);
  if (undefinedOutput)
    return new TransformError('render_failed', `${file}:${line}: an undefined value is output`);
  return new TransformError('render_failed', `${file}:${line}: ${detail || message}`);
}
