// Runs one node: renders a model with is_incremental() and `this`, builds it, or runs a test and judges it.
import { join } from 'node:path';
import { runDataTest } from './data-tests.ts';
import { TransformError } from './errors.ts';
import { genericTestSql, type RelationArg, relationArg, uniqueTarget } from './generic-tests.ts';
import { type BuildRequest, materialize, type RelationTypes, seedSql } from './materialize.ts';
import { type GraphNode, nodeIdFor, sourceRelation } from './nodes.ts';
import type { Relation } from './relation.ts';
import { type RenderContext, renderSql } from './render.ts';
import type { Session } from './session.ts';
import { describeScope, type NewRows, TESTS_SINCE_SEQ_VAR, watermarkColumn } from './test-scope.ts';
import type { GenericTestDef, NodeStatus, Project, SingularTestDef } from './types.ts';
import {
  builtBefore,
  contentVersion,
  digestOf,
  forgetBuilt,
  inputsFingerprint,
  passedBefore,
  type RunVersions,
  rememberBuilt,
  rememberTest,
  seedFingerprint,
  viewFingerprint,
} from './unchanged.ts';
import { provedUnique } from './unique-proof.ts';

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
  /** The version of every relation the run reads, so an unchanged node can stand (unchanged.ts). */
  versions: RunVersions;
  /** A test may keep its last pass when nothing it reads changed: in an incremental build, not when asked
   * to test (`ledgerline transform --command test` runs every test). */
  keepPasses: boolean;
}

export interface NodeOutcome {
  status: NodeStatus;
  rows: number | null;
  failingRows: Record<string, unknown>[] | null;
  testScope: string | null;
  /** Its definition and inputs were those of its last run in this process, so it stood as it was. */
  unchanged: boolean;
}

export async function executeNode(scope: NodeScope, node: GraphNode): Promise<NodeOutcome> {
  if (node.parseError) throw node.parseError;
  if (node.kind === 'test') return executeTest(scope, node);
  const request = await buildRequest(scope, node);
  const kind = request.materialized === 'view' ? 'view' : 'table';
  const standing = request.existing === kind && !scope.full;
  const { fingerprint, version } = definitionOf(scope, node, request);
  const before = fingerprint === null ? null : builtBefore(scope.database, request.relation, fingerprint);
  if (before && standing) {
    // A view stands on new inputs too (DuckDB reads them through it), so its version follows them.
    if (kind === 'view') rememberBuilt(scope.database, request.relation, fingerprint, before.rows, version);
    const rows = request.materialized === 'incremental' ? 0 : before.rows;
    return { status: 'success', rows, failingRows: null, testScope: null, unchanged: true };
  }
  const previous = scope.versions.of(String(request.relation));
  forgetBuilt(scope.database, request.relation);
  const rows = await scope.session.guard(node.name, () => materialize(request));
  scope.relations.set(request.relation, kind);
  // An incremental model's contents are its last contents plus what this build added, if anything.
  const appended =
    request.materialized === 'incremental' && request.existing === 'table' && !request.fullRefresh;
  const built = appended
    ? rows === 0
      ? (previous ?? null)
      : chainVersion(previous, fingerprint)
    : (version ?? (kind === 'table' ? await contentVersion(scope.session, request.relation, rows) : null));
  rememberBuilt(scope.database, request.relation, fingerprint, rows, built);
  return { status: 'success', rows, failingRows: null, testScope: null, unchanged: false };
}

/**
 * What may let a node stand (its fingerprint) and what its readers see (its version, when it follows from
 * the definition): a seed is its CSV; a view is its SQL, and its version that SQL over its inputs' versions;
 * a table or incremental model is its SQL over its inputs' versions, both.
 */
function definitionOf(
  scope: NodeScope,
  node: GraphNode,
  request: NodeBuild,
): { fingerprint: string | null; version: string | null } {
  if (node.kind === 'seed') {
    const fingerprint = seedFingerprint(request.sql, join(scope.project.rootDir, node.path));
    return { fingerprint, version: versionOf(fingerprint) };
  }
  const definition = `${request.materialized}:${JSON.stringify(node.config)}`;
  const overInputs = inputsFingerprint(definition, request.sql, request.inputs, scope.versions);
  if (request.materialized === 'view')
    return { fingerprint: viewFingerprint(request.sql), version: versionOf(overInputs) };
  return { fingerprint: overInputs, version: versionOf(overInputs) };
}

/** A build and the relations its SQL reads (its refs and sources), whose versions decide whether it may stand. */
type NodeBuild = BuildRequest & { inputs: Relation[] };

async function buildRequest(scope: NodeScope, node: GraphNode): Promise<NodeBuild> {
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
    return { ...base, materialized: 'table', sql, inputs: [] };
  }
  const isIncremental = node.materialized === 'incremental' && existing === 'table' && !fullRefresh;
  const model = scope.project.models.get(node.name);
  const rendered = renderSql(model?.sql ?? '', executeContext(scope, node, relation, isIncremental));
  assertDeclared(node, rendered.refs, scope.nodes);
  const inputs = [
    ...rendered.refs.map((name) => relationOf(scope, name)),
    ...rendered.sources.map(([source, table]) => sourceRelation(scope.project, source, table)),
  ];
  return { ...base, materialized: node.materialized ?? 'view', sql: rendered.sql, inputs };
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
  const { sql, testScope, fingerprint, unique } =
    test.kind === 'generic' ? genericTest(scope, test) : { ...singularTest(scope, node, test), unique: null };
  const passed = fingerprint === null ? null : passedBefore(scope.database, node.name, fingerprint);
  if (passed && scope.keepPasses) {
    const { status, rows, failingRows } = passed;
    return { status, rows, failingRows, testScope: null, unchanged: true };
  }
  const session = scope.session;
  const provesPass = unique ? () => provedUnique(session, unique) : undefined;
  const outcome = await session.guard(node.name, () => runDataTest(session, sql, node.config, provesPass));
  const result = { status: outcome.status, rows: outcome.failures, failingRows: outcome.sample };
  rememberTest(scope.database, node.name, fingerprint, result);
  return { ...result, testScope, unchanged: false };
}

/**
 * A generic test's SQL, scoped to the new rows when it can be; its fingerprint is its whole-table SQL over the
 * versions of what it reads (a `where:` with a subquery may read more, so such a test always runs).
 */
function genericTest(scope: NodeScope, test: GenericTestDef) {
  const newRows = newRowsOf(scope, test);
  const relations = genericScope(scope, test);
  const sql = genericTestSql(test, { ...relations, newRows });
  const readsMore = /\bselect\b/i.test(String(test.config.where ?? ''));
  const whole = newRows ? genericTestSql(test, relations) : sql;
  const inputs = [relations.model, ...relationsArgs(scope, test)];
  const definition = `test:${JSON.stringify(test.config)}`;
  const fingerprint = readsMore ? null : inputsFingerprint(definition, whole, inputs, scope.versions);
  const unique = uniqueTarget(test, { ...relations, newRows });
  return { sql, testScope: newRows ? describeScope(newRows) : null, fingerprint, unique };
}

/** A singular test that reads the tests_since_seq var gets it in a scoped build; dbt renders its default. */
function singularTest(scope: NodeScope, node: GraphNode, test: SingularTestDef) {
  const scoped = scope.testsSince !== null && test.sql.includes(TESTS_SINCE_SEQ_VAR);
  const vars = scoped ? { ...scope.vars, [TESTS_SINCE_SEQ_VAR]: scope.testsSince } : scope.vars;
  const rendered = renderSql(test.sql, executeContext({ ...scope, vars }, node, null, false));
  // Scoped to new rows or not, it checks the same inputs: its fingerprint is its whole-table form.
  const whole = scoped ? renderSql(test.sql, executeContext(scope, node, null, false)).sql : rendered.sql;
  const inputs = [
    ...rendered.refs.map((name) => relationOf(scope, name)),
    ...rendered.sources.map(([source, table]) => sourceRelation(scope.project, source, table)),
  ];
  return {
    sql: rendered.sql,
    testScope: scoped ? `${TESTS_SINCE_SEQ_VAR} = ${scope.testsSince}` : null,
    fingerprint: inputsFingerprint(`test:${JSON.stringify(node.config)}`, whole, inputs, scope.versions),
  };
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

/** The relation a relationships test's `to:` names, if any. */
function relationsArgs(scope: NodeScope, test: GenericTestDef): Relation[] {
  const to = typeof test.args.to === 'string' ? relationArg(test.args.to) : null;
  if (!to) return [];
  return [
    to.type === 'ref' ? relationOf(scope, to.name) : sourceRelation(scope.project, to.source, to.table),
  ];
}

const versionOf = (fingerprint: string | null) => (fingerprint === null ? null : digestOf(fingerprint));

/** An incremental build's version: its contents before (when known) and what this build read. */
function chainVersion(before: string | undefined, fingerprint: string | null): string | null {
  if (before === undefined || fingerprint === null) return null;
  return digestOf(`${before}\n${fingerprint}`);
}
