// The fixed-assets areas: register, read and dispose of assets, their register and schedules, and the
// monthly depreciation run. Posting is for finance and admin; every signed-in role may read.
import { z } from 'zod';
import {
  AssetInput,
  AssetRegisterQuery,
  assetRegister,
  assetSchedule,
  Code,
  DepreciationRunInput,
  DisposalInput,
  depreciationRunCommand,
  disposeAssetCommand,
  getAsset,
  type Ledger,
  registerAssetCommand,
} from '../ingest/index.ts';
import { actorOf, submit } from './command.ts';
import { FINANCE_ROLES } from './env.ts';
import {
  AssetDetail,
  AssetDisposed,
  AssetRegister,
  AssetRegistered,
  AssetSchedule,
  DepreciationRunResult,
} from './report-shapes.ts';
import { type Area, type RouteDef, route } from './route.ts';

export const AssetNumber = z.strictObject({ number: Code });

/** A Location header for a body that names what it posted; none when nothing was posted. */
function locationOf(base: string) {
  return (body: unknown): Record<string, string> => {
    const number = (body as { number?: string | null }).number;
    return number ? { Location: `${base}/${encodeURIComponent(number)}` } : {};
  };
}

function writeRoutes(ledger: Ledger): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/',
      id: 'registerAsset',
      summary:
        'Register a fixed asset, optionally with its acquisition journal (Dr asset / Cr credit_account)',
      access: FINANCE_ROLES,
      writes: true,
      body: AssetInput,
      responses: { 201: { description: 'registered', schema: AssetRegistered } },
      handle: (c, { body }) =>
        submit(c, ledger, registerAssetCommand(actorOf(c), body), locationOf('/api/v1/assets')),
    }),
    route({
      method: 'post',
      path: '/:number/dispose',
      id: 'disposeAsset',
      summary: 'Dispose of an asset: derecognise cost and depreciation, book proceeds and the gain or loss',
      access: FINANCE_ROLES,
      writes: true,
      params: AssetNumber,
      body: DisposalInput,
      responses: {
        201: { description: 'the disposal journal', schema: AssetDisposed },
        404: { description: 'no such asset (`asset_not_found`)' },
        409: { description: 'already disposed (`asset_already_disposed`)' },
      },
      handle: (c, { params, body }) =>
        submit(
          c,
          ledger,
          disposeAssetCommand(actorOf(c), params.number, body),
          locationOf('/api/v1/journals'),
        ),
    }),
  ];
}

function readRoutes(ledger: Ledger): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/',
      id: 'assetRegister',
      summary: 'The asset register as of a date, filtered by category and department, paged',
      access: 'signed_in',
      query: AssetRegisterQuery,
      responses: { 200: { description: 'one page of the register', schema: AssetRegister } },
      handle: async (c, { query }) => c.json(await assetRegister(ledger.db, query)),
    }),
    route({
      method: 'get',
      path: '/:number',
      id: 'getAsset',
      summary: 'One asset with its depreciation posted so far and its disposal',
      access: 'signed_in',
      params: AssetNumber,
      responses: {
        200: { description: 'the asset', schema: AssetDetail },
        404: { description: 'no such asset (`asset_not_found`)' },
      },
      handle: async (c, { params }) => c.json(await getAsset(ledger.db, params.number)),
    }),
    route({
      method: 'get',
      path: '/:number/schedule',
      id: 'getAssetSchedule',
      summary: 'The depreciation plan of one asset by month and fiscal year, with what was posted',
      access: 'signed_in',
      params: AssetNumber,
      responses: {
        200: { description: 'the schedule', schema: AssetSchedule },
        404: { description: 'no such asset (`asset_not_found`)' },
      },
      handle: async (c, { params }) => c.json(await assetSchedule(ledger.db, params.number)),
    }),
  ];
}

export function assetsArea(ledger: Ledger): Area {
  return { prefix: '/api/v1/assets', tag: 'assets', routes: [...writeRoutes(ledger), ...readRoutes(ledger)] };
}

export function depreciationRunsArea(ledger: Ledger): Area {
  const routes = [
    route({
      method: 'post',
      path: '/',
      id: 'runDepreciation',
      summary:
        'Post the depreciation of a period (YYYY-MM) for every asset still owing it; idempotent per asset',
      access: FINANCE_ROLES,
      writes: true,
      body: DepreciationRunInput,
      responses: {
        201: { description: 'posted one journal', schema: DepreciationRunResult },
        200: {
          description: 'nothing owed for the period (`nothing_to_post`)',
          schema: DepreciationRunResult,
        },
      },
      handle: (c, { body }) =>
        submit(c, ledger, depreciationRunCommand(actorOf(c), body), locationOf('/api/v1/journals')),
    }),
  ];
  return { prefix: '/api/v1/depreciation-runs', tag: 'assets', routes };
}
