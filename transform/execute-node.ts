// Runs one node: renders a model with is_incremental() and `this`, builds it, or runs a test and judges it.
import { join } from 'node:path';
import { runDataTest } from './data-tests.ts';
import { TransformError } from './errors.ts';
import { genericTestSql, type RelationArg } from './generic-tests.ts';
import { type BuildRequest, materialize, relationType, seedSql } from './materialize.ts';
import { type GraphNode, nodeIdFor, sourceRelation } from './nodes.ts';
import type { Relation } from './relation.ts';
import { type RenderContext, renderSql } from './render.ts';
import type { Session } from './session.ts';
import type { GenericTestDef, NodeStatus, Project } from './types.ts';

export interface NodeScope {
  session: Session;
  project: Project;
  nodes: Map<string, GraphNode>;
  vars: Record<string, unknown>;
  full: boolean;
}

export interface NodeOutcome {
  status: NodeStatus;
  rows: number | null;
  failingRows: Record<string, unknown>[] | null;
}

export async function executeNode(scope: NodeScope, node: GraphNode): Promise<NodeOutcome> {
  if (node.parseError) throw node.parseError;
  if (node.kind === 'test') return executeTest(scope, node);
  const request = await buildRequest(scope, node);
  const rows = await scope.session.guard(node.name, () => materialize(request));
  return { status: 'success', rows, failingRows: null };
}

async function buildRequest(scope: NodeScope, node: GraphNode): Promise<BuildRequest> {
  const relation = node.relation as Relation;
  const existing = await relationType(scope.session, relation);
  // dbt's should_full_refresh(): a model's `full_refresh` config wins over the --full flag.
  const fullRefresh = typeof node.config.full_refresh === 'boolean' ? node.config.full_refresh : scope.full;
  const base = { session: scope.session, relation, config: node.config, existing, fullRefresh };
  if (node.kind === 'seed') {
    const sql = seedSql(join(scope.project.rootDir, node.path), node.config);
    return { ...base, materialized: 'table', sql };
  }
  const isIncremental = node.materialized === 'incremental' && existing === 'table' && !fullRefresh;
  const model = scope.project.models.get(node.name);
  const rendered = renderSql(model?.sql ?? '', executeContext(scope, node, relation, isIncremental));
  assertDeclared(node, rendered.refs, scope.nodes);
  return { ...base, materialized: node.materialized ?? 'view', sql: rendered.sql };
}

function executeContext(scope: NodeScope, node: GraphNode, self: Relation | null, isIncremental: boolean) {
  const context: RenderContext = {
    file: node.path,
    projectName: scope.project.name,
    vars: scope.vars,
    macroNames: scope.project.macroNames,
    self,
    isIncremental,
    execute: true,
    baseConfig: node.config,
    ref: (name) => relationOf(scope, name),
    source: (source, table) => sourceRelation(scope.project, source, table),
  };
  return context;
}

function relationOf(scope: NodeScope, name: string): Relation {
  const id = nodeIdFor(name, scope.nodes);
  const relation = id ? scope.nodes.get(id)?.relation : null;
  if (!relation) throw new TransformError('ref_not_found', `a node named '${name}' was not found`);
  return relation;
}

/** As in dbt, a ref the parse render did not see (inside `{% if is_incremental() %}`) has no place in the DAG. */
function assertDeclared(node: GraphNode, refs: string[], nodes: Map<string, GraphNode>): void {
  for (const name of refs) {
    const id = nodeIdFor(name, nodes);
    if (id && node.deps.includes(id)) continue;
    throw new TransformError(
      'dependency_not_declared',
      `${node.path}: ref('${name}') was not seen when the model was parsed (is it inside a conditional?); ` +
        `add "-- depends_on: {{ ref('${name}') }}" to the model`,
    );
  }
}

async function executeTest(scope: NodeScope, node: GraphNode): Promise<NodeOutcome> {
  const test = node.test;
  if (!test) throw new TransformError('render_failed', `${node.name} has no test definition`);
  const sql =
    test.kind === 'generic'
      ? genericTestSql(test, genericScope(scope, test))
      : renderSql(test.sql, executeContext(scope, node, null, false)).sql;
  const outcome = await scope.session.guard(node.name, () => runDataTest(scope.session, sql, node.config));
  return { status: outcome.status, rows: outcome.failures, failingRows: outcome.sample };
}

function genericScope(scope: NodeScope, test: GenericTestDef) {
  const target = test.target;
  const model =
    target.type === 'node'
      ? relationOf(scope, target.name)
      : sourceRelation(scope.project, target.source, target.table);
  const resolve = (arg: RelationArg) =>
    arg.type === 'ref' ? relationOf(scope, arg.name) : sourceRelation(scope.project, arg.source, arg.table);
  return { model, resolve };
}
