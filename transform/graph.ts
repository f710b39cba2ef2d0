// The DAG: parents and children of nodes, dbt build's test edges, topological order and cycle reporting.
import { TransformError } from './errors.ts';
import type { GraphNode } from './nodes.ts';

export type Edges = Map<string, Set<string>>;

/** Children by node id, from each node's deps. */
export function childrenOf(nodes: Map<string, GraphNode>): Edges {
  const children: Edges = new Map([...nodes.keys()].map((id) => [id, new Set<string>()]));
  for (const node of nodes.values()) for (const dep of node.deps) children.get(dep)?.add(node.id);
  return children;
}

/** Every node reachable from `start` along `edges` (not including `start` itself). */
export function reachable(start: string, edges: Edges): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const next of edges.get(id) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return seen;
}

export function parentsOf(nodes: Map<string, GraphNode>): Edges {
  return new Map([...nodes.values()].map((node) => [node.id, new Set(node.deps)]));
}

/**
 * dbt build's test edges (dbt-core's `add_test_edges`): a test runs before every model or seed whose
 * ancestors include all the nodes the test reads, so no node is built from data a test has not yet passed.
 * A test of one model thus comes before that model's children; a test that reads several models (a
 * relationships test, a singular test over two marts) holds back only the nodes downstream of all of them.
 * Sources are not nodes here, so a test of a source holds back nothing.
 */
export function buildDeps(nodes: Map<string, GraphNode>, runSet: Set<string>): Map<string, string[]> {
  const deps = new Map([...runSet].map((id) => [id, [...(nodes.get(id)?.deps ?? [])]]));
  const ancestors = ancestorsOf(nodes);
  const tests = [...runSet].filter((id) => {
    const node = nodes.get(id);
    return node?.kind === 'test' && node.deps.length > 0;
  });
  for (const id of runSet) {
    if (nodes.get(id)?.kind === 'test') continue;
    const upstream = ancestors.get(id) ?? new Set<string>();
    for (const test of tests)
      if ((nodes.get(test)?.deps ?? []).every((dep) => upstream.has(dep))) deps.get(id)?.push(test);
  }
  return deps;
}

/** Every node's ancestors (parents, their parents, …) over the whole project. */
function ancestorsOf(nodes: Map<string, GraphNode>): Map<string, Set<string>> {
  const ancestors = new Map<string, Set<string>>();
  const visit = (id: string, path: Set<string>): Set<string> => {
    const known = ancestors.get(id);
    if (known) return known;
    const found = new Set<string>();
    // A cycle is reported by topologicalOrder; here it only stops the walk.
    if (path.has(id)) return found;
    path.add(id);
    for (const parent of nodes.get(id)?.deps ?? []) {
      if (!nodes.has(parent)) continue;
      found.add(parent);
      for (const above of visit(parent, path)) found.add(above);
    }
    path.delete(id);
    ancestors.set(id, found);
    return found;
  };
  for (const id of nodes.keys()) visit(id, new Set());
  return ancestors;
}

/**
 * Kahn's order over `deps` restricted to the run set; among ready nodes tests go first (so they follow
 * the model they test), then by id for a stable order. A cycle throws, naming its members in order.
 */
export function topologicalOrder(deps: Map<string, string[]>): string[] {
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const [id, parents] of deps) {
    const inRun = parents.filter((parent) => deps.has(parent));
    waiting.set(id, inRun.length);
    for (const parent of inRun) dependents.set(parent, [...(dependents.get(parent) ?? []), id]);
  }
  const ready = [...waiting].filter(([, count]) => count === 0).map(([id]) => id);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort(readyFirst);
    const id = ready.shift() as string;
    order.push(id);
    for (const dependent of dependents.get(id) ?? []) {
      const left = (waiting.get(dependent) ?? 0) - 1;
      waiting.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  if (order.length < deps.size) throw cycleError(deps, new Set(order));
  return order;
}

function readyFirst(a: string, b: string): number {
  const testA = a.startsWith('test:') ? 0 : 1;
  const testB = b.startsWith('test:') ? 0 : 1;
  if (testA !== testB) return testA - testB;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Walks parents from a node left over by Kahn's algorithm until one repeats: that stretch is a cycle. */
function cycleError(deps: Map<string, string[]>, done: Set<string>): TransformError {
  const left = [...deps.keys()].filter((id) => !done.has(id)).sort();
  const path: string[] = [];
  let current = left[0] as string;
  while (!path.includes(current)) {
    path.push(current);
    current = (deps.get(current) ?? []).find((parent) => deps.has(parent) && !done.has(parent)) as string;
  }
  const cycle = [...path.slice(path.indexOf(current)), current].reverse().map((id) => id.split(':')[1]);
  return new TransformError('dependency_cycle', `dependency cycle: ${cycle.join(' -> ')}`);
}
