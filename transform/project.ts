// Loads a dbt project from disk: dbt_project.yml, models, properties files, seeds, singular tests, macro names.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { folderConfig, isPlainObject, mergeConfig } from './config.ts';
import { TransformError } from './errors.ts';
import { PROJECT_FILE_BYTES_MAX, PROJECT_FILES_MAX } from './limits.ts';
import { emptyProperties, type Properties, readProperties } from './properties.ts';
import type { ModelDef, Project, SeedDef, SingularTestDef, SourceTableDef } from './types.ts';

const ProjectFile = z.looseObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a project name is letters, digits and _'),
  profile: z.string().optional(),
  'model-paths': z.array(z.string()).default(['models']),
  'seed-paths': z.array(z.string()).default(['seeds']),
  'test-paths': z.array(z.string()).default(['tests']),
  'macro-paths': z.array(z.string()).default(['macros']),
  vars: z.record(z.string(), z.unknown()).nullish(),
  models: z.record(z.string(), z.unknown()).nullish(),
  seeds: z.record(z.string(), z.unknown()).nullish(),
});
type ProjectFile = z.infer<typeof ProjectFile>;

interface FoundFile {
  /** Relative to the project root, `/`-separated. */
  path: string;
  /** Relative to the resource path it was found under, without the extension, split on `/`. */
  parts: string[];
  absolute: string;
}

export async function loadProject(rootDir: string): Promise<Project> {
  const file = readProjectFile(rootDir);
  const budget = { files: 0 };
  const properties = emptyProperties();
  for (const found of scan(
    rootDir,
    [...file['model-paths'], ...file['seed-paths']],
    ['.yml', '.yaml'],
    budget,
  ))
    readProperties(readText(found), found.path, properties);
  const models = loadModels(rootDir, file, properties, budget);
  const seeds = loadSeeds(rootDir, file, properties, budget);
  assertDescribedExist(properties, models, seeds);
  const macroNames = loadMacroNames(rootDir, file['macro-paths'], budget);
  return {
    rootDir,
    name: file.name,
    profile: file.profile,
    modelPaths: file['model-paths'],
    seedPaths: file['seed-paths'],
    testPaths: file['test-paths'],
    macroPaths: file['macro-paths'],
    vars: projectVars(file),
    schemaNaming: macroNames.has('generate_schema_name') ? 'verbatim' : 'dbt_default',
    macroNames,
    models,
    seeds,
    sources: sourcesByKey(properties.sources),
    tests: [...properties.tests, ...loadSingularTests(rootDir, file['test-paths'], budget)],
  };
}

function readProjectFile(rootDir: string): ProjectFile {
  let text: string;
  try {
    text = readFileSync(join(rootDir, 'dbt_project.yml'), 'utf8');
  } catch {
    throw new TransformError('project_invalid', `no dbt_project.yml in ${rootDir}`);
  }
  const parsed = ProjectFile.safeParse(parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TransformError(
      'project_invalid',
      `dbt_project.yml: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** Global vars, overlaid by those scoped under the project's own name (dbt's var scoping). */
function projectVars(file: ProjectFile): Record<string, unknown> {
  const vars = { ...(file.vars ?? {}) };
  const scoped = vars[file.name];
  delete vars[file.name];
  return isPlainObject(scoped) ? { ...vars, ...scoped } : vars;
}

function loadModels(root: string, file: ProjectFile, props: Properties, budget: { files: number }) {
  const models = new Map<string, ModelDef>();
  for (const found of scan(root, file['model-paths'], ['.sql'], budget)) {
    const name = found.parts.at(-1) as string;
    const previous = models.get(name);
    if (previous)
      throw new TransformError(
        'project_invalid',
        `two models are named '${name}': ${previous.path}, ${found.path}`,
      );
    const fqn = [file.name, ...found.parts];
    const patch = props.models.get(name);
    const config = mergeConfig(folderConfig(file.models, fqn), patch?.config ?? {});
    models.set(name, {
      name,
      path: found.path,
      fqn,
      sql: readText(found),
      config,
      description: patch?.description,
    });
  }
  return models;
}

function loadSeeds(root: string, file: ProjectFile, props: Properties, budget: { files: number }) {
  const seeds = new Map<string, SeedDef>();
  for (const found of scan(root, file['seed-paths'], ['.csv'], budget)) {
    const name = found.parts.at(-1) as string;
    const fqn = [file.name, ...found.parts];
    const config = mergeConfig(folderConfig(file.seeds, fqn), props.seeds.get(name)?.config ?? {});
    seeds.set(name, { name, path: found.path, fqn, config });
  }
  return seeds;
}

function assertDescribedExist(props: Properties, models: Map<string, ModelDef>, seeds: Map<string, SeedDef>) {
  for (const name of props.models.keys())
    if (!models.has(name))
      throw new TransformError(
        'properties_invalid',
        `properties describe model '${name}', which has no SQL file`,
      );
  for (const name of props.seeds.keys())
    if (!seeds.has(name))
      throw new TransformError(
        'properties_invalid',
        `properties describe seed '${name}', which has no CSV file`,
      );
  for (const name of models.keys())
    if (seeds.has(name))
      throw new TransformError(
        'project_invalid',
        `'${name}' is both a model and a seed; ref() would be ambiguous`,
      );
}

/** Singular tests are `.sql` files under test-paths; `generic/` folders hold test definitions, not tests. */
function loadSingularTests(root: string, testPaths: string[], budget: { files: number }): SingularTestDef[] {
  return scan(root, testPaths, ['.sql'], budget)
    .filter((found) => found.parts[0] !== 'generic')
    .map((found) => ({
      kind: 'singular',
      name: found.parts.at(-1) as string,
      path: found.path,
      sql: readText(found),
    }));
}

/** Names of `{% macro name(...) %}` definitions: enough to say "project macro" in an error. */
function loadMacroNames(root: string, macroPaths: string[], budget: { files: number }): Set<string> {
  const names = new Set<string>();
  for (const found of scan(root, macroPaths, ['.sql'], budget))
    for (const match of readText(found).matchAll(/\{%-?\s*macro\s+([A-Za-z_][A-Za-z0-9_]*)/g))
      names.add(match[1] as string);
  return names;
}

function sourcesByKey(sources: SourceTableDef[]): Map<string, SourceTableDef> {
  const byKey = new Map<string, SourceTableDef>();
  for (const source of sources) {
    const key = `${source.source}.${source.table}`;
    if (byKey.has(key))
      throw new TransformError('properties_invalid', `source table ${key} is declared twice`);
    byKey.set(key, source);
  }
  return byKey;
}

/** Files with one of `extensions` under each resource path, sorted, skipping hidden entries. */
function scan(
  root: string,
  resourcePaths: string[],
  extensions: string[],
  budget: { files: number },
): FoundFile[] {
  const found: FoundFile[] = [];
  for (const resourcePath of resourcePaths) {
    const base = join(root, resourcePath);
    if (!isDirectory(base)) continue;
    for (const absolute of walk(base)) {
      if (!extensions.includes(extname(absolute))) continue;
      if (++budget.files > PROJECT_FILES_MAX)
        throw new TransformError('project_invalid', `the project has more than ${PROJECT_FILES_MAX} files`);
      const under = relative(base, absolute).split(sep);
      under[under.length - 1] = basename(absolute, extname(absolute));
      found.push({ path: relative(root, absolute).split(sep).join('/'), parts: under, absolute });
    }
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readText(found: FoundFile): string {
  if (statSync(found.absolute).size > PROJECT_FILE_BYTES_MAX)
    throw new TransformError(
      'project_invalid',
      `${found.path} is larger than ${PROJECT_FILE_BYTES_MAX} bytes`,
    );
  return readFileSync(found.absolute, 'utf8');
}
