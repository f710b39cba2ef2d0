// Master-data commands: create an item, warehouse or supplier, or add a version of one. A version is a whole
// new record valid from its date; the facts keep every version, the writer's state the current one.
import { ErrorList } from '../errors.ts';
import type { Actor } from '../finance/commands.ts';
import { formatMicros, formatQuantity } from '../inventory/quantity.ts';
import { postingAccount } from '../postings.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { itemJson, supplierJson, warehouseJson } from './answers.ts';
import type { ItemRecord, SupplierRecord, WarehouseRecord } from './records.ts';
import type { ItemFields, SupplierFields, WarehouseFields } from './schema.ts';
import { appendVersionEvent, checkAccountType, nextVersion, provenance } from './versions.ts';

export function itemCommand(actor: Actor, sku: string, fields: ItemFields, isCreate: boolean): Command {
  return {
    name: isCreate ? 'item.create' : 'item.version',
    ...actor,
    request: { sku, ...fields },
    run(ctx): CommandResult {
      const errors = new ErrorList();
      const existing = ctx.state.masterData.items.get(sku);
      const version = nextVersion('item', sku, existing, isCreate, fields.valid_from, errors);
      const item: ItemRecord = {
        sku,
        version,
        validFrom: fields.valid_from,
        name: fields.name,
        unit: fields.unit,
        category: fields.category,
        valuationMethod: fields.valuation_method,
        isBatchTracked: fields.is_batch_tracked,
        reorderPoint: fields.reorder_point,
        reorderQuantity: fields.reorder_quantity,
        leadTimeDays: fields.lead_time_days,
        purchasePrice: fields.purchase_price,
        defaultSupplier: fields.default_supplier ?? null,
        inventoryAccount: fields.inventory_account ?? postingAccount(ctx.state, 'inventory'),
        expenseAccount: fields.expense_account ?? postingAccount(ctx.state, 'consumption'),
        isActive: fields.is_active,
      };
      checkItem(ctx, item, existing, errors);
      errors.throwIfAny(`item ${sku} cannot be saved`);
      ctx.changes.set(ctx.state.masterData.items, sku, item);
      appendItemRow(ctx, item);
      appendVersionEvent(ctx, 'item', sku, version, item.validFrom);
      return { status: 201, body: itemJson(item), documentType: 'item', documentNumber: sku };
    },
  };
}

function checkItem(ctx: CommandContext, item: ItemRecord, before: ItemRecord | undefined, errors: ErrorList) {
  checkAccountType(ctx, item.inventoryAccount, 'asset', 'inventory_account', errors);
  checkAccountType(ctx, item.expenseAccount, 'expense', 'expense_account', errors);
  if (item.defaultSupplier && !ctx.state.masterData.suppliers.has(item.defaultSupplier)) {
    errors.add('default_supplier', 'supplier_not_found', `no supplier ${item.defaultSupplier}`);
  }
  if (!before) return;
  const changesCosting =
    before.valuationMethod !== item.valuationMethod ||
    before.isBatchTracked !== item.isBatchTracked ||
    before.inventoryAccount !== item.inventoryAccount;
  const hasStock = ctx.state.stock.hasStock(item.sku);
  // Changing how stock is costed, tracked or booked while it is on hand would split its value in two.
  if (changesCosting && hasStock) {
    errors.add(
      'valuation_method',
      'item_has_stock',
      'valuation method, batch tracking and inventory account change only while the item has no stock',
    );
  }
}

function appendItemRow(ctx: CommandContext, item: ItemRecord): void {
  ctx.rows.push('items', {
    seq: ctx.nextSeq(),
    document_type: 'item',
    document_number: item.sku,
    version: item.version,
    valid_from: item.validFrom,
    sku: item.sku,
    item_name: item.name,
    unit: item.unit,
    category: item.category,
    valuation_method: item.valuationMethod,
    is_batch_tracked: item.isBatchTracked,
    reorder_point: formatQuantity(item.reorderPoint),
    reorder_quantity: formatQuantity(item.reorderQuantity),
    lead_time_days: item.leadTimeDays,
    purchase_price: formatMicros(item.purchasePrice),
    default_supplier: item.defaultSupplier,
    inventory_account: item.inventoryAccount,
    expense_account: item.expenseAccount,
    is_active: item.isActive,
    ...provenance(ctx),
  });
}

export function warehouseCommand(
  actor: Actor,
  code: string,
  fields: WarehouseFields,
  isCreate: boolean,
): Command {
  return {
    name: isCreate ? 'warehouse.create' : 'warehouse.version',
    ...actor,
    request: { code, ...fields },
    run(ctx): CommandResult {
      const errors = new ErrorList();
      const existing = ctx.state.masterData.warehouses.get(code);
      const version = nextVersion('warehouse', code, existing, isCreate, fields.valid_from, errors);
      errors.throwIfAny(`warehouse ${code} cannot be saved`);
      const warehouse: WarehouseRecord = {
        code,
        version,
        validFrom: fields.valid_from,
        name: fields.name,
        address: fields.address ?? null,
        isActive: fields.is_active,
      };
      ctx.changes.set(ctx.state.masterData.warehouses, code, warehouse);
      ctx.rows.push('warehouses', {
        seq: ctx.nextSeq(),
        document_type: 'warehouse',
        document_number: code,
        version,
        valid_from: warehouse.validFrom,
        warehouse_code: code,
        warehouse_name: warehouse.name,
        address: warehouse.address,
        is_active: warehouse.isActive,
        ...provenance(ctx),
      });
      appendVersionEvent(ctx, 'warehouse', code, version, warehouse.validFrom);
      return { status: 201, body: warehouseJson(warehouse), documentType: 'warehouse', documentNumber: code };
    },
  };
}

export function supplierCommand(
  actor: Actor,
  code: string,
  fields: SupplierFields,
  isCreate: boolean,
): Command {
  return {
    name: isCreate ? 'supplier.create' : 'supplier.version',
    ...actor,
    request: { code, ...fields },
    run(ctx): CommandResult {
      const errors = new ErrorList();
      const existing = ctx.state.masterData.suppliers.get(code);
      const version = nextVersion('supplier', code, existing, isCreate, fields.valid_from, errors);
      const supplier: SupplierRecord = {
        code,
        version,
        validFrom: fields.valid_from,
        name: fields.name,
        currency: fields.currency,
        paymentTermsDays: fields.payment_terms_days,
        payablesAccount: fields.payables_account ?? postingAccount(ctx.state, 'payables'),
        priceTolerancePercent: fields.price_tolerance_percent,
        receiptTolerancePercent: fields.receipt_tolerance_percent,
        isActive: fields.is_active,
      };
      checkAccountType(ctx, supplier.payablesAccount, 'liability', 'payables_account', errors);
      if (supplier.currency !== ctx.state.settings.currency) {
        errors.add(
          'currency',
          'currency_not_supported',
          `suppliers invoice in the company currency ${ctx.state.settings.currency} for now`,
        );
      }
      errors.throwIfAny(`supplier ${code} cannot be saved`);
      ctx.changes.set(ctx.state.masterData.suppliers, code, supplier);
      appendSupplierRow(ctx, supplier);
      appendVersionEvent(ctx, 'supplier', code, version, supplier.validFrom);
      return { status: 201, body: supplierJson(supplier), documentType: 'supplier', documentNumber: code };
    },
  };
}

function appendSupplierRow(ctx: CommandContext, supplier: SupplierRecord): void {
  ctx.rows.push('suppliers', {
    seq: ctx.nextSeq(),
    document_type: 'supplier',
    document_number: supplier.code,
    version: supplier.version,
    valid_from: supplier.validFrom,
    supplier_code: supplier.code,
    supplier_name: supplier.name,
    currency: supplier.currency,
    payment_terms_days: supplier.paymentTermsDays,
    payables_account: supplier.payablesAccount,
    price_tolerance_percent: supplier.priceTolerancePercent.toFixed(2),
    receipt_tolerance_percent: supplier.receiptTolerancePercent.toFixed(2),
    is_active: supplier.isActive,
    ...provenance(ctx),
  });
}
