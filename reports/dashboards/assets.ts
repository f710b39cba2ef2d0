// The dashboards' static files, served by the app itself so pages work offline: vega, vega-lite and
// vega-embed from node_modules, vega's CSP-safe expression interpreter, and the page script and styles.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const STATIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'static');

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The `build` folder of package `name`: each of these packages' entry point lies in it (their exports map
 * hides package.json, so the entry point is what Node can resolve). */
function buildDir(name: string): string {
  return dirname(require.resolve(name));
}

interface Asset {
  type: string;
  path: () => string;
  /** Applied once to the file's text before it is served. */
  transform?: (text: string) => string;
}

// The interpreter is an ES module importing three helpers from vega-util; the page has vega's UMD build, whose
// global exports the same helpers, so the import becomes a read of that global.
const VEGA_UTIL_IMPORT = /^import \{([^}]+)\} from 'vega-util';$/m;

function fromGlobalVega(text: string): string {
  if (!VEGA_UTIL_IMPORT.test(text))
    throw new Error('vega-interpreter no longer imports vega-util as expected');
  return text.replace(VEGA_UTIL_IMPORT, (_, names: string) => `const {${names}} = globalThis.vega;`);
}

/** The only files served, by name: nothing else under node_modules is reachable. */
const ASSETS: Record<string, Asset> = {
  'vega.min.js': { type: JS, path: () => join(buildDir('vega'), 'vega.min.js') },
  'vega-lite.min.js': { type: JS, path: () => join(buildDir('vega-lite'), 'vega-lite.min.js') },
  'vega-embed.min.js': { type: JS, path: () => join(buildDir('vega-embed'), 'vega-embed.min.js') },
  'vega-interpreter.js': {
    type: JS,
    path: () => join(buildDir('vega-interpreter'), 'vega-interpreter.js'),
    transform: fromGlobalVega,
  },
  'dashboard.js': { type: JS, path: () => join(STATIC_DIR, 'dashboard.js') },
  'dashboard.css': { type: CSS, path: () => join(STATIC_DIR, 'dashboard.css') },
};

export interface AssetFile {
  type: string;
  body: Uint8Array<ArrayBuffer>;
}

const cache = new Map<string, Promise<AssetFile>>();

/** The asset named `file`, read once and kept; undefined for any name not in the list. */
export function loadAsset(file: string): Promise<AssetFile> | undefined {
  const asset = ASSETS[file];
  if (!asset) return undefined;
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = readAsset(asset);
    cache.set(file, loaded);
    loaded.catch(() => cache.delete(file));
  }
  return loaded;
}

async function readAsset(asset: Asset): Promise<AssetFile> {
  const content = await readFile(asset.path());
  const body = asset.transform
    ? new TextEncoder().encode(asset.transform(content.toString('utf8')))
    : content;
  return { type: asset.type, body: new Uint8Array(body) };
}
