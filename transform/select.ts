// dbt node selection: `name`, `+name`, `name+`, `tag:x`, `path:dir` or a bare path, unioned; tests follow.
import { TransformError } from './errors.ts';
import { childrenOf, parentsOf, reachable } from './graph.ts';
import type { GraphNode } from './nodes.ts';

interface Selector {
  method: 'name' | 'tag' | 'path';
  value: string;
  parents: boolean;
  children: boolean;
}

/** Parses one selector token; `@`, `*`, depth limits and intersections (`a,b`) are refused. */
export function parseSelector(token: string): Selector {
  const match = /^(\+?)([^+]+?)(\+?)$/.exec(token);
  const body = match?.[2];
  if (!match || !body || /[@*,]/.test(body))
    throw new TransformError('selector_invalid', `unsupported selector '${token}'`);
  const [prefix, rest] = splitMethod(body);
  const method = prefix ?? (rest.includes('/') || rest.endsWith('.sql') ? 'path' : 'name');
  if (method !== 'name' && method !== 'tag' && method !== 'path')
    throw new TransformError('selector_invalid', `unsupported selector method '${method}:' in '${token}'`);
  return { method, value: rest, parents: match[1] === '+', children: match[3] === '+' };
}

function splitMethod(body: string): [string | undefined, string] {
  const colon = body.indexOf(':');
  return colon < 0 ? [undefined, body] : [body.slice(0, colon), body.slice(colon + 1)];
}

/**
 * The ids to run: nodes matching any selector (models and seeds with ancestors or descendants as asked),
 * plus every test with at least one selected parent (dbt's eager indirect selection). No selector: all.
 */
export function selectNodes(nodes: Map<string, GraphNode>, select: string[] | undefined): Set<string> {
  const tokens = (select ?? []).flatMap((entry) => entry.split(/\s+/)).filter((token) => token !== '');
  if (tokens.length === 0) return new Set(nodes.keys());
  const chosen = new Set<string>();
  const children = childrenOf(nodes);
  const parents = parentsOf(nodes);
  for (const token of tokens) {
    const selector = parseSelector(token);
    const matched = [...nodes.values()].filter((node) => matches(node, selector));
    if (matched.length === 0)
      throw new TransformError('selector_matches_nothing', `the selector '${token}' matches no node`);
    for (const node of matched) {
      chosen.add(node.id);
      const related = [
        ...(selector.parents ? reachable(node.id, parents) : []),
        ...(selector.children ? reachable(node.id, children) : []),
      ];
      // Tests come in below by their parents, not as descendants of a model.
      for (const id of related) if (nodes.get(id)?.kind !== 'test') chosen.add(id);
    }
  }
  for (const node of nodes.values())
    if (node.kind === 'test' && node.deps.some((dep) => chosen.has(dep))) chosen.add(node.id);
  return chosen;
}

function matches(node: GraphNode, selector: Selector): boolean {
  if (selector.method === 'name') return node.name === selector.value;
  if (selector.method === 'tag') return node.tags.includes(selector.value);
  const path = selector.value.replace(/^\.\//, '').replace(/\/+$/, '');
  return node.path === path || node.path.startsWith(`${path}/`);
}
