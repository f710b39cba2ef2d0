// The dashboards' static files, served by the app itself so pages work offline: vega, vega-lite and
// vega-embed from node_modules, and the page script and styles.
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
}

/** The only files served, by name: nothing else under node_modules is reachable. */
const ASSETS: Record<string, Asset> = {
  'vega.min.js': { type: JS, path: () => join(buildDir('vega'), 'vega.min.js') },
  'vega-lite.min.js': { type: JS, path: () => join(buildDir('vega-lite'), 'vega-lite.min.js') },
  'vega-embed.min.js': { type: JS, path: () => join(buildDir('vega-embed'), 'vega-embed.min.js') },
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
  return { type: asset.type, body: new Uint8Array(await readFile(asset.path())) };
}
