// Swagger UI served offline from the swagger-ui-dist package: a page, its start script and a fixed set of assets.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import getAbsoluteFSPath from 'swagger-ui-dist/absolute-path.js';
import { z } from 'zod';
import { LedgerError } from '../ingest/index.ts';
import { type Area, route } from './route.ts';

export const OPENAPI_PATH = '/api/v1/openapi.json';
const ASSETS_PATH = '/docs/assets';

/** The only files served, by name: nothing else under node_modules is reachable. */
const ASSET_TYPES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** The start script is served as a file, not inlined, so the page works under a strict CSP. */
const START_SCRIPT = `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(OPENAPI_PATH)}, dom_id: '#swagger-ui', deepLinking: true });\n`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ledgerline API</title>
<link rel="stylesheet" href="${ASSETS_PATH}/swagger-ui.css">
<link rel="icon" type="image/png" href="${ASSETS_PATH}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="${ASSETS_PATH}/start.js"></script>
</body>
</html>
`;

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'";
const AssetParams = z.strictObject({ file: z.string().max(64) });

export function docsArea(): Area {
  const cache = new Map<string, Promise<Buffer>>();
  const load = (file: string) => {
    let content = cache.get(file);
    if (!content) {
      content = readFile(join(getAbsoluteFSPath(), file));
      cache.set(file, content);
      content.catch(() => cache.delete(file));
    }
    return content;
  };
  const routes = [
    route({
      method: 'get',
      path: '/',
      id: 'docs',
      summary: 'Swagger UI for this API, working offline',
      access: 'public',
      responses: { 200: { description: 'an HTML page', mediaType: 'text/html' } },
      handle: (c) => c.html(PAGE, 200, { 'Content-Security-Policy': CSP }),
    }),
    route({
      method: 'get',
      path: '/assets/:file',
      id: 'docsAsset',
      summary: "One of Swagger UI's files",
      access: 'public',
      params: AssetParams,
      responses: { 200: { description: 'the file' }, 404: { description: 'no such asset' } },
      handle: async (c, { params }) => {
        const cacheControl = { 'Cache-Control': 'public, max-age=86400' };
        if (params.file === 'start.js') {
          return c.body(START_SCRIPT, 200, {
            'Content-Type': 'text/javascript; charset=utf-8',
            ...cacheControl,
          });
        }
        const type = ASSET_TYPES[params.file];
        if (!type)
          throw new LedgerError('not_found', 'asset_not_found', `no documentation asset ${params.file}`);
        const content = await load(params.file);
        return c.body(new Uint8Array(content), 200, { 'Content-Type': type, ...cacheControl });
      },
    }),
  ];
  return { prefix: '/docs', tag: 'documentation', routes };
}
