// Turns a project into runnable nodes: a parse render of every model finds its refs and config() (dbt's parse).
import { assertSupportedConfig, mergeConfig, tagsOf } from './config.ts';
import { messageOf, TransformError } from './errors.ts';
import { relationArg } from './generic-tests.ts';
import { TARGET_SCHEMA } from './limits.ts';
import { Relation } from './relation.ts';
import { type RenderContext, renderSql } from './render.ts';
import type { ModelDef, NodeConfig, NodeKind, Project, SeedDef, TestDef } from './types.ts';

export interface GraphNode {
  /** `model:name`, `seed:name` or `test:name`. */
  id: string;
  name: string;
  kind: NodeKind;
  path: string;
  /** `view`, `table`, `incremental`, `seed`, …; null for tests. */
  materialized: string | null;
  config: NodeConfig;
  tags: string[];
  /** Where a model or seed is built; null for tests. */
  relation: Relation | null;
  /** Ids of the models and seeds this node reads. */
  deps: string[];
  test: TestDef | null;
  /** Set when the node cannot run at all (bad Jinja, unknown ref); the run records it as the node's error. */
  parseError: TransformError | null;
}

export interface CompileScope {
  project: Project;
  vars: Record<string, unknown>;
}

/** dbt's `generate_schema_name`: the project's verbatim override, or dbt's `<target>_<custom>` default. */
export function schemaFor(project: Project, custom: unknown): string {
  if (custom === undefined || custom === null || custom === '') return TARGET_SCHEMA;
  const name = String(custom).trim();
  return project.schemaNaming === 'verbatim' ? name : `${TARGET_SCHEMA}_${name}`;
}

export function buildNodes(scope: CompileScope): Map<string, GraphNode> {
  const nodes = new Map<string, GraphNode>();
  const pendingRefs = new Map<string, string[]>();
  for (const model of scope.project.models.values()) {
    const { node, refs } = parseModel(model, scope);
    if (node.config.enabled === false) continue;
    nodes.set(node.id, node);
    pendingRefs.set(node.id, refs);
  }
  for (const seed of scope.project.seeds.values())
    if (seed.config.enabled !== false) nodes.set(`seed:${seed.name}`, seedNode(seed, scope.project));
  for (const [id, refs] of pendingRefs) resolveDeps(nodes.get(id) as GraphNode, refs, nodes);
  for (const test of scope.project.tests) addTest(test, scope, nodes);
  return nodes;
}

function seedNode(seed: SeedDef, project: Project): GraphNode {
  const identifier = String(seed.config.alias ?? seed.name);
  return {
    id: `seed:${seed.name}`,
    name: seed.name,
    kind: 'seed',
    path: seed.path,
    materialized: 'seed',
    config: seed.config,
    relation: new Relation(schemaFor(project, seed.config.schema), identifier),
    test: null,
    ...extra(seed.config),
  };
}

function extra(config: NodeConfig) {
  return { tags: tagsOf(config), deps: [] as string[], parseError: null };
}

/** Renders with `is_incremental()` false and `execute` false, as dbt's parser does, to learn refs and config. */
function parseModel(model: ModelDef, scope: CompileScope): { node: GraphNode; refs: string[] } {
  const provisional = new Relation(schemaFor(scope.project, model.config.schema), model.name);
  const node: GraphNode = {
    id: `model:${model.name}`,
    name: model.name,
    kind: 'model',
    path: model.path,
    materialized: String(model.config.materialized ?? 'view'),
    config: model.config,
    relation: provisional,
    test: null,
    ...extra(model.config),
  };
  try {
    const rendered = renderSql(model.sql, parseContext(model.path, scope, provisional, model.config));
    node.config = mergeConfig(model.config, rendered.config);
    node.tags = tagsOf(node.config);
    node.materialized = String(node.config.materialized ?? 'view');
    const identifier = String(node.config.alias ?? model.name);
    node.relation = new Relation(schemaFor(scope.project, node.config.schema), identifier);
    assertSupportedConfig(node.config, model.path);
    return { node, refs: rendered.refs };
  } catch (error) {
    node.parseError = asTransformError(error, model.path);
    return { node, refs: [] };
  }
}

function parseContext(
  file: string,
  scope: CompileScope,
  self: Relation | null,
  base: NodeConfig,
): RenderContext {
  return {
    file,
    projectName: scope.project.name,
    vars: scope.vars,
    macroNames: scope.project.macroNames,
    self,
    isIncremental: false,
    execute: false,
    baseConfig: base,
    // Which node a ref names is checked once every model's config (and `enabled`) is known.
    ref: (name) => new Relation(TARGET_SCHEMA, name),
    source: (source, table) => sourceRelation(scope.project, source, table),
  };
}

export function sourceRelation(project: Project, source: string, table: string): Relation {
  const found = project.sources.get(`${source}.${table}`);
  if (!found) throw new TransformError('source_not_found', `source '${source}'.'${table}' is not declared`);
  return new Relation(found.schema, found.identifier);
}

function resolveDeps(node: GraphNode, refs: string[], nodes: Map<string, GraphNode>): void {
  for (const name of new Set(refs)) {
    const id = nodeIdFor(name, nodes);
    if (id) node.deps.push(id);
    else if (!node.parseError)
      node.parseError = new TransformError(
        'ref_not_found',
        `${node.path}: '${node.name}' depends on a node named '${name}' which was not found`,
      );
  }
}

export function nodeIdFor(name: string, nodes: Map<string, GraphNode>): string | null {
  if (nodes.has(`model:${name}`)) return `model:${name}`;
  if (nodes.has(`seed:${name}`)) return `seed:${name}`;
  return null;
}

function addTest(test: TestDef, scope: CompileScope, nodes: Map<string, GraphNode>): void {
  if (testsDisabledNode(test, nodes)) return;
  const id = `test:${test.name}`;
  if (nodes.has(id)) throw new TransformError('project_invalid', `two tests are named '${test.name}'`);
  const config = test.kind === 'generic' ? test.config : {};
  const node: GraphNode = {
    id,
    name: test.name,
    kind: 'test',
    path: test.path,
    materialized: null,
    config,
    relation: null,
    test,
    ...extra(config),
  };
  try {
    const refs = test.kind === 'generic' ? genericRefs(test) : singularRefs(test, scope, node);
    resolveDeps(node, refs, nodes);
  } catch (error) {
    node.parseError = asTransformError(error, test.path);
  }
  if (node.config.enabled !== false) nodes.set(id, node);
}

/** dbt drops the tests of a disabled model or seed with it. */
function testsDisabledNode(test: TestDef, nodes: Map<string, GraphNode>): boolean {
  return (
    test.kind === 'generic' && test.target.type === 'node' && nodeIdFor(test.target.name, nodes) === null
  );
}

function genericRefs(test: Extract<TestDef, { kind: 'generic' }>): string[] {
  const refs = test.target.type === 'node' ? [test.target.name] : [];
  if (test.testName === 'relationships' && typeof test.args.to === 'string') {
    const to = relationArg(test.args.to);
    if (to?.type === 'ref') refs.push(to.name);
  }
  return refs;
}

function singularRefs(test: Extract<TestDef, { kind: 'singular' }>, scope: CompileScope, node: GraphNode) {
  const rendered = renderSql(test.sql, parseContext(test.path, scope, null, {}));
  node.config = mergeConfig(node.config, rendered.config);
  node.tags = tagsOf(node.config);
  return rendered.refs;
}

function asTransformError(error: unknown, path: string): TransformError {
  if (error instanceof TransformError) return error;
  return new TransformError('render_failed', `${path}: ${messageOf(error)}`);
}
