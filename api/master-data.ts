// Master data over HTTP: items, warehouses, suppliers and customers. Create once (`POST /`), then add versions
// (`POST /<code>/versions`); `GET /<code>` answers the current version with every earlier one.
import type { z } from 'zod';
import {
  type Command,
  CustomerFields,
  CustomerInput,
  customerCommand,
  getCustomer,
  getItem,
  getSupplier,
  getWarehouse,
  ItemFields,
  ItemInput,
  itemCommand,
  type Ledger,
  MasterKey,
  SupplierFields,
  SupplierInput,
  supplierCommand,
  WarehouseFields,
  WarehouseInput,
  warehouseCommand,
} from '../ingest/index.ts';
import { actorOf, submit } from './command.ts';
import { type Access, CUSTOMER_ROLES, ITEM_ROLES, SUPPLIER_ROLES } from './env.ts';
import { CustomerAnswer } from './o2c-shapes.ts';
import { ItemAnswer, SupplierAnswer, WarehouseAnswer } from './p2p-shapes.ts';
import { type Area, route } from './route.ts';

interface MasterSpec<F extends z.ZodType, I extends z.ZodType> {
  noun: string;
  plural: string;
  key: string;
  fields: F;
  input: I;
  answer: z.ZodType;
  access: Access;
  command: (actor: ReturnType<typeof actorOf>, code: string, fields: z.output<F>, create: boolean) => Command;
  read: (ledger: Ledger, code: string) => Promise<unknown>;
}

const location = (plural: string) => (body: unknown) => {
  const record = body as { sku?: string; code?: string };
  const code = record.sku ?? record.code;
  return code
    ? { Location: `/api/v1/${plural}/${encodeURIComponent(code)}` }
    : ({} as Record<string, string>);
};

function masterArea<F extends z.ZodType, I extends z.ZodType>(ledger: Ledger, spec: MasterSpec<F, I>): Area {
  const title = spec.noun[0]?.toUpperCase() + spec.noun.slice(1);
  const routes = [
    route({
      method: 'post',
      path: '/',
      id: `create${title}`,
      summary: `Create a ${spec.noun} (version 1); 409 \`${spec.noun}_exists\` when the ${spec.key} is taken`,
      access: spec.access,
      writes: true,
      body: spec.input,
      responses: {
        201: { description: `the ${spec.noun}`, schema: spec.answer },
        409: { description: `\`${spec.noun}_exists\`` },
      },
      handle: (c, { body }) => {
        const { [spec.key]: code, ...fields } = body as Record<string, unknown>;
        return submit(
          c,
          ledger,
          spec.command(actorOf(c), String(code), fields as z.output<F>, true),
          location(spec.plural),
        );
      },
    }),
    route({
      method: 'post',
      path: '/:code/versions',
      id: `version${title}`,
      summary: `Add a version of a ${spec.noun}, valid from its date (the earlier versions stay as they were)`,
      access: spec.access,
      writes: true,
      params: MasterKey,
      body: spec.fields,
      responses: {
        201: { description: `the new version`, schema: spec.answer },
        404: { description: `\`${spec.noun}_not_found\`` },
      },
      handle: (c, { params, body }) =>
        submit(
          c,
          ledger,
          spec.command(actorOf(c), params.code, body as z.output<F>, false),
          location(spec.plural),
        ),
    }),
    route({
      method: 'get',
      path: '/:code',
      id: `get${title}`,
      summary: `One ${spec.noun}: the current version and every version with its valid_from / valid_to`,
      access: 'signed_in',
      params: MasterKey,
      responses: {
        200: { description: `the ${spec.noun}`, schema: spec.answer },
        404: { description: `\`${spec.noun}_not_found\`` },
      },
      handle: async (c, { params }) => c.json((await spec.read(ledger, params.code)) as object),
    }),
  ];
  return { prefix: `/api/v1/${spec.plural}`, tag: 'master data', routes };
}

export function masterDataAreas(ledger: Ledger): Area[] {
  return [
    masterArea(ledger, {
      noun: 'item',
      plural: 'items',
      key: 'sku',
      fields: ItemFields,
      input: ItemInput,
      answer: ItemAnswer,
      access: ITEM_ROLES,
      command: itemCommand,
      read: (l, code) => getItem(l.db, code),
    }),
    masterArea(ledger, {
      noun: 'warehouse',
      plural: 'warehouses',
      key: 'code',
      fields: WarehouseFields,
      input: WarehouseInput,
      answer: WarehouseAnswer,
      access: ITEM_ROLES,
      command: warehouseCommand,
      read: (l, code) => getWarehouse(l.db, code),
    }),
    masterArea(ledger, {
      noun: 'supplier',
      plural: 'suppliers',
      key: 'code',
      fields: SupplierFields,
      input: SupplierInput,
      answer: SupplierAnswer,
      access: SUPPLIER_ROLES,
      command: supplierCommand,
      read: (l, code) => getSupplier(l.db, code),
    }),
    masterArea(ledger, {
      noun: 'customer',
      plural: 'customers',
      key: 'code',
      fields: CustomerFields,
      input: CustomerInput,
      answer: CustomerAnswer,
      access: CUSTOMER_ROLES,
      command: customerCommand,
      read: (l, code) => getCustomer(l.db, code),
    }),
  ];
}
