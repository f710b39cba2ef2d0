// Refuses, before rendering, any Jinja the embedded runner would render differently from dbt or not at all.
import nunjucks from 'nunjucks';
import { TransformError } from './errors.ts';

/** Names a model may use: dbt's context as far as the runner implements it, plus Jinja's `range`. */
export const CONTEXT_NAMES = new Set([
  'ref',
  'source',
  'config',
  'var',
  'env_var',
  'is_incremental',
  'this',
  'execute',
  'range',
]);

/** Filters whose nunjucks behaviour matches Jinja's for the arguments dbt SQL uses. */
const FILTERS = new Set([
  'abs',
  'capitalize',
  'center',
  'd',
  'default',
  'first',
  'float',
  'int',
  'join',
  'last',
  'length',
  'list',
  'lower',
  'replace',
  'reverse',
  'round',
  'safe',
  'sort',
  'string',
  'sum',
  'title',
  'trim',
  'upper',
  'wordcount',
  'batch',
  'indent',
]);

/** `is` tests both engines define alike (`none` parses to a null literal, which nunjucks tests as `null`). */
const TESTS = new Set(
  'defined undefined null none number string mapping iterable sameas equalto eq ne lt le gt ge divisibleby even odd lower upper'.split(
    ' ',
  ),
);

/** Method calls allowed on context objects: `config.get('x')`, `config.require('x')`, `loop.cycle(...)`. */
const METHODS: Record<string, Set<string>> = {
  config: new Set(['get', 'require']),
  loop: new Set(['cycle']),
};

/** Nunjucks tags that are not Jinja, or that would read other templates the runner does not load. */
const REFUSED_NODES: Record<string, string> = {
  Include: 'include',
  Import: 'import',
  FromImport: 'from ... import',
  Extends: 'extends',
  Block: 'block',
  Super: 'super()',
  IfAsync: 'ifAsync',
  AsyncEach: 'asyncEach',
  AsyncAll: 'asyncAll',
  FilterAsync: 'async filter',
  CallExtension: 'extension tag',
  CallExtensionAsync: 'extension tag',
};

interface AstNode {
  typename: string;
  lineno: number;
  value?: unknown;
  fields?: string[];
  children?: AstNode[];
  [field: string]: unknown;
}

interface Findings {
  bound: Set<string>;
  names: Array<{ name: string; line: number }>;
  /** Method calls on values, checked after names so `adapter.x()` is reported as `adapter`. */
  methods: Array<{ method: string; line: number }>;
}

const parser = (
  nunjucks as unknown as { parser: { parse(src: string, extensions: unknown[], opts: unknown): AstNode } }
).parser;

/** Throws `file:line: unsupported Jinja: …` for the first name, filter, test, method or tag outside the subset. */
export function checkJinja(source: string, file: string, macroNames: Set<string>): void {
  const findings: Findings = { bound: new Set(['loop', 'caller']), names: [], methods: [] };
  visit(parseTemplate(source, file), findings, file);
  for (const { name, line } of findings.names) {
    if (CONTEXT_NAMES.has(name) || findings.bound.has(name)) continue;
    const hint = macroNames.has(name) ? ' (project macros are not run by the embedded runner)' : '';
    throw unsupported(file, line, `'${name}'${hint}`);
  }
  const method = findings.methods[0];
  if (method) throw unsupported(file, method.line, `method call '.${method.method}()'`);
}

/** Nunjucks' parser reports 1-based lines; a tag it does not know is Jinja we do not support. */
function parseTemplate(source: string, file: string): AstNode {
  try {
    return parser.parse(source, [], {});
  } catch (error) {
    const { message, lineno } = error as { message: string; lineno?: number };
    const tag = /unknown block tag: (\S+)/.exec(message)?.[1];
    if (tag) throw unsupported(file, lineno ?? 0, `tag '${tag}'`);
    throw new TransformError('render_failed', `${file}:${lineno ?? source.split('\n').length}: ${message}`);
  }
}

function visit(node: unknown, findings: Findings, file: string): void {
  if (!isNode(node)) return;
  const line = node.lineno + 1;
  const refused = REFUSED_NODES[node.typename];
  if (refused) throw unsupported(file, line, `tag '${refused}'`);
  if (node.typename === 'Symbol') {
    findings.names.push({ name: String(node.value), line });
    return;
  }
  const special = SPECIAL_VISITORS[node.typename];
  if (special) {
    special(node, findings, file);
    return;
  }
  if (node.typename === 'Dict') assertQuotedKeys(node, file);
  if ((node.typename === 'Mod' || node.typename === 'Mul') && [node.left, node.right].some(isStringLiteral))
    throw unsupported(file, line, `Python string operator '${node.typename === 'Mod' ? '%' : '*'}'`);
  if (BINDING_NODES.has(node.typename)) bindNames(node, findings);
  for (const child of childrenOf(node)) visit(child, findings, file);
}

/** Nodes that introduce names: `{% set %}`, `{% for %}`, `{% macro %}`, `{% call %}`. */
const BINDING_NODES = new Set(['Set', 'For', 'Macro', 'Caller']);

const SPECIAL_VISITORS: Record<string, (node: AstNode, findings: Findings, file: string) => void> = {
  Filter: visitFilter,
  Is: visitIs,
  FunCall: visitCall,
  Pair: visitPair,
};

function visitFilter(node: AstNode, findings: Findings, file: string): void {
  const name = String((node.name as AstNode).value);
  if (!FILTERS.has(name)) throw unsupported(file, node.lineno + 1, `filter '${name}'`);
  visit(node.args, findings, file);
}

function visitIs(node: AstNode, findings: Findings, file: string): void {
  visit(node.left, findings, file);
  const right = node.right as AstNode;
  const test = right.typename === 'FunCall' ? (right.name as AstNode).value : right.value;
  const name = test === null ? 'null' : String(test);
  if (!TESTS.has(name)) throw unsupported(file, node.lineno + 1, `test '${name}'`);
  if (right.typename === 'FunCall') visit(right.args, findings, file);
}

/** Method calls on values (`x.replace()`) run JavaScript's method, not Python's: refuse all but a few. */
function visitCall(node: AstNode, findings: Findings, file: string): void {
  const callee = node.name as AstNode;
  if (callee.typename === 'LookupVal') {
    const owner = callee.target as AstNode;
    const method = String((callee.val as AstNode).value);
    const allowed = owner.typename === 'Symbol' && METHODS[String(owner.value)]?.has(method);
    if (!allowed) findings.methods.push({ method, line: node.lineno + 1 });
  }
  visit(callee, findings, file);
  visit(node.args, findings, file);
}

/** Keyword argument names (`config(materialized=...)`) are Symbols but no lookups. */
function visitPair(node: AstNode, findings: Findings, file: string): void {
  const key = node.key as AstNode;
  if (key.typename !== 'Symbol') visit(key, findings, file);
  visit(node.value, findings, file);
}

/** A bare key in a dict literal is a string to nunjucks but a variable to Jinja. */
function assertQuotedKeys(node: AstNode, file: string): void {
  for (const pair of node.children ?? []) {
    const key = pair.key as AstNode;
    if (key.typename === 'Symbol')
      throw unsupported(file, pair.lineno + 1, `unquoted dict key '${key.value}'`);
  }
}

function bindNames(node: AstNode, findings: Findings): void {
  const targets = [node.targets, node.name, node.args].flatMap((field) => symbolsIn(field));
  for (const target of targets) findings.bound.add(target);
}

function symbolsIn(field: unknown): string[] {
  if (Array.isArray(field)) return field.flatMap(symbolsIn);
  if (!isNode(field)) return [];
  if (field.typename === 'Symbol') return [String(field.value)];
  if (field.typename === 'Array' || field.typename === 'NodeList') return symbolsIn(field.children);
  if (field.typename === 'KeywordArgs') return symbolsIn(field.children);
  if (field.typename === 'Pair') return symbolsIn(field.key);
  return [];
}

/** Every node's sub-nodes are listed in its `fields` (a NodeList's are in `children`). */
function childrenOf(node: AstNode): unknown[] {
  return (node.fields ?? []).flatMap((field) => {
    const child = node[field];
    return Array.isArray(child) ? child : [child];
  });
}

/** `'%s' % x` and `'-' * 3` are string operations in Python but arithmetic (NaN) in JavaScript. */
function isStringLiteral(value: unknown): boolean {
  return isNode(value) && value.typename === 'Literal' && typeof value.value === 'string';
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).typename === 'string';
}

export function unsupported(file: string, line: number, what: string): TransformError {
  return new TransformError('unsupported_jinja', `${file}:${line}: unsupported Jinja: ${what}`);
}
