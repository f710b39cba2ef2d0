// Config merging as dbt does it: folder configs from dbt_project.yml, then properties files, then `config()`.
import { TransformError } from './errors.ts';
import type { NodeConfig } from './types.ts';

/**
 * Config names dbt accepts without the `+` prefix in dbt_project.yml; any other bare key is a folder.
 * (dbt's rule: a key is a config if it starts with `+` or is a config the resource type knows.)
 */
const BARE_CONFIG_KEYS = new Set([
  'materialized',
  'schema',
  'alias',
  'tags',
  'enabled',
  'unique_key',
  'incremental_strategy',
  'on_schema_change',
  'full_refresh',
  'meta',
  'docs',
  'persist_docs',
  'database',
  'pre-hook',
  'post-hook',
  'column_types',
  'delimiter',
  'quote_columns',
  'contract',
  'grants',
  'severity',
  'where',
]);

/** Configs that would change the built relation in ways the embedded runner does not reproduce. */
const REFUSED_CONFIG_KEYS = [
  'pre-hook',
  'post-hook',
  'pre_hook',
  'post_hook',
  'database',
  'incremental_predicates',
  'predicates',
  'sql_header',
];

/** dbt's merge: tags accumulate (deduplicated), meta merges key by key, everything else is overridden. */
export function mergeConfig(base: NodeConfig, patch: NodeConfig): NodeConfig {
  const merged: NodeConfig = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'tags') merged.tags = [...new Set([...tagsOf(base), ...asTags(value)])];
    else if (key === 'meta' && isPlainObject(value) && isPlainObject(base.meta))
      merged.meta = { ...base.meta, ...value };
    else merged[key] = value;
  }
  return merged;
}

/** Walks `models:` (or `seeds:`) of dbt_project.yml along a node's fqn, merging each level's configs. */
export function folderConfig(tree: unknown, fqn: string[]): NodeConfig {
  let config: NodeConfig = {};
  let level: unknown = tree;
  for (let depth = 0; isPlainObject(level); depth++) {
    config = mergeConfig(config, configsAt(level));
    const part = fqn[depth];
    if (part === undefined) break;
    level = level[part];
  }
  return config;
}

function configsAt(level: Record<string, unknown>): NodeConfig {
  const config: NodeConfig = {};
  for (const [key, value] of Object.entries(level)) {
    if (key.startsWith('+')) config[key.slice(1)] = value;
    else if (BARE_CONFIG_KEYS.has(key) && (!isPlainObject(value) || key === 'meta' || key === 'docs'))
      config[key] = value;
  }
  return config;
}

export function tagsOf(config: NodeConfig): string[] {
  return asTags(config.tags);
}

function asTags(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Throws for a config the runner cannot honour, so a model never builds differently from dbt in silence. */
export function assertSupportedConfig(config: NodeConfig, where: string): void {
  for (const key of REFUSED_CONFIG_KEYS) {
    const value = config[key];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    throw new TransformError(
      'unsupported_feature',
      `${where}: config '${key}' is not supported by the embedded runner`,
    );
  }
  const contract = config.contract;
  if (isPlainObject(contract) && contract.enforced === true)
    throw new TransformError('unsupported_feature', `${where}: enforced contracts are not supported`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
