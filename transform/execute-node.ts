// Runs one node: renders a model with is_incremental() and `this`, builds it, or runs a test and judges it.
import { join } from 'node:path';
import { runDataTest } from './data-tests.ts';
import { TransformError } from './errors.ts';
import { genericTestSql, type RelationArg } from './generic-tests.ts';
import { type BuildRequest, materialize, type RelationTypes, seedSql } from './materialize.ts';
import { type GraphNode, nodeIdFor, sourceRelation } from './nodes.ts';
import type { Relation } from './relation.ts';
import { type RenderContext, renderSql } from './render.ts';
import type { Session } from './session.ts';
import { describeScope, type NewRows, TESTS_SINCE_SEQ_VAR, watermarkColumn } from './test-scope.ts';
import type { GenericTestDef, NodeStatus, Project, SingularTestDef } from './types.ts';
import { builtBefore, forgetBuilt, rememberBuilt, seedFingerprint, viewFingerprint } from './unchanged.ts';

export interface NodeScope {
  session: Session;
  /** The open database, which unchanged.ts keys what this process built by. */
  database: object;
  project: Project;
  nodes: Map<string, GraphNode>;
  vars: Record<string, unknown>;
  full: boolean;
  /** Fact seq tests of watermarked relations may start above (test-scope.ts); null: whole tables. */
  testsSince: string | null;
  /** What each relation is, kept up to date through the run. */
  relations: RelationTypes;
}

export interface NodeOutcome {
  status: NodeStatus;
  rows: number | null;
  failingRows: Record<string, unknown>[] | null;
  testScope: string | null;
}

export async function executeNode(scope: NodeScope, node: GraphNode): Promise<NodeOutcome> {
  if (node.parseError) throw node.parseError;
  if (node.kind === 'test') return executeTest(scope, node);
  const request = await buildRequest(scope, node);
  const fingerprint = definitionOf(scope, node, request);
  const standing = request.existing === (request.materialized === 'view' ? 'view' : 'table');
  const before = fingerprint === null ? null : builtBefore(scope.database, request.relation, fingerprint);
  if (before && standing && !scope.full)
    return { status: 'success', rows: before.rows, failingRows: null, testScope: null };
  forgetBuilt(scope.database, request.relation);
  const rows = await scope.session.guard(node.name, () => materialize(request));
  scope.relations.set(request.relation, request.materialized === 'view' ? 'view' : 'table');
  if (fingerprint !== null) rememberBuilt(scope.database, request.relation, fingerprint, rows);
  return { status: 'success', rows, failingRows: null, testScope: null };
}

/** The definition of a view or seed, which may stand as built while it is unchanged (unchanged.ts). */
function definitionOf(scope: NodeScope, node: GraphNode, request: BuildRequest): string | null {
  if (node.kind === 'seed') return seedFingerprint(request.sql, join(scope.project.rootDir, node.path));
  if (request.materialized === 'view') return viewFingerprint(request.sql);
  return null;
}

async function buildRequest(scope: NodeScope, node: GraphNode): Promise<BuildRequest> {
  const relation = node.relation as Relation;
  const existing = await scope.relations.get(scope.session, relation);
  // dbt's should_full_refresh(): a model's `full_refresh` config wins over the --full flag.
  const fullRefresh = typeof node.config.full_refresh === 'boolean' ? node.config.full_refresh : scope.full;
  const base = {
    session: scope.session,
    relation,
    config: node.config,
    existing,
    fullRefresh,
    relations: scope.relations,
  };
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
  const { sql, testScope } =
    test.kind === 'generic' ? genericTest(scope, test) : singularTest(scope, node, test);
  const outcome = await scope.session.guard(node.name, () => runDataTest(scope.session, sql, node.config));
  return { status: outcome.status, rows: outcome.failures, failingRows: outcome.sample, testScope };
}

function genericTest(scope: NodeScope, test: GenericTestDef) {
  const newRows = newRowsOf(scope, test);
  const sql = genericTestSql(test, { ...genericScope(scope, test), newRows });
  return { sql, testScope: newRows ? describeScope(newRows) : null };
}

/** A singular test that reads the tests_since_seq var gets it in a scoped build; dbt renders its default. */
function singularTest(scope: NodeScope, node: GraphNode, test: SingularTestDef) {
  const scoped = scope.testsSince !== null && test.sql.includes(TESTS_SINCE_SEQ_VAR);
  const vars = scoped ? { ...scope.vars, [TESTS_SINCE_SEQ_VAR]: scope.testsSince } : scope.vars;
  const sql = renderSql(test.sql, executeContext({ ...scope, vars }, node, null, false)).sql;
  return { sql, testScope: scoped ? `${TESTS_SINCE_SEQ_VAR} = ${scope.testsSince}` : null };
}

/** The new rows of the tested relation, when the build is scoped and the relation declares a watermark. */
function newRowsOf(scope: NodeScope, test: GenericTestDef): NewRows | null {
  if (scope.testsSince === null) return null;
  const target = test.target;
  const meta =
    target.type === 'node'
      ? scope.nodes.get(nodeIdFor(target.name, scope.nodes) ?? '')?.config.meta
      : scope.project.sources.get(`${target.source}.${target.table}`)?.meta;
  const column = watermarkColumn(meta);
  return column ? { column, since: scope.testsSince } : null;
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
