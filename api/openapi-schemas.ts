// zod → JSON Schema for the OpenAPI document: named components, inline schemas and parameter lists.
import { z } from 'zod';
import {
  AccountInput,
  AssetInput,
  DepreciationRunInput,
  DisposalInput,
  GoodsReceiptInput,
  ItemInput,
  JournalBatchInput,
  JournalInput,
  LoginInput,
  PeriodActionInput,
  PlanOrdersInput,
  PurchaseOrderInput,
  ReversalInput,
  StockCountInput,
  StockIssueInput,
  StockTransferInput,
  SupplierInput,
  SupplierInvoiceInput,
  SupplierPaymentInput,
  TokenInput,
  UserInput,
  WarehouseInput,
  YearEndCloseInput,
} from '../ingest/index.ts';
import * as p2pShapes from './p2p-shapes.ts';
import { Problem } from './problem.ts';
import * as reportShapes from './report-shapes.ts';
import * as shapes from './shapes.ts';
import * as transformShapes from './transform-shapes.ts';
import { TransformRunInput } from './transforms.ts';

export type Json = Record<string, unknown>;

/** Schemas published under components.schemas by name; any other schema is written inline. */
const NAMED: Record<string, z.ZodType> = {
  JournalInput,
  JournalBatchInput,
  ReversalInput,
  PeriodActionInput,
  AccountInput,
  UserInput,
  TokenInput,
  LoginInput,
  Problem,
  TransformRunInput,
  AssetInput,
  DisposalInput,
  DepreciationRunInput,
  YearEndCloseInput,
  ItemInput,
  WarehouseInput,
  SupplierInput,
  StockIssueInput,
  StockTransferInput,
  StockCountInput,
  PurchaseOrderInput,
  PlanOrdersInput,
  GoodsReceiptInput,
  SupplierInvoiceInput,
  SupplierPaymentInput,
  ...p2pShapes,
  ...shapes,
  ...reportShapes,
  ...transformShapes,
};
const NAMES = new Map<z.ZodType, string>(Object.entries(NAMED).map(([name, schema]) => [schema, name]));

/** JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of what a client sends. */
export function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Json;
  return rest;
}

export function componentSchemas(): Json {
  return Object.fromEntries(Object.entries(NAMED).map(([name, schema]) => [name, jsonSchema(schema)]));
}

/** A `$ref` for a named schema, the schema itself otherwise. */
export function schemaRef(schema: z.ZodType): Json {
  const name = NAMES.get(schema);
  return name ? { $ref: `#/components/schemas/${name}` } : jsonSchema(schema);
}

/** The properties of an object schema as OpenAPI parameters `in` the path or the query. */
export function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const object = jsonSchema(schema) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}
