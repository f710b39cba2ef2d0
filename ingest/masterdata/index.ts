// The master-data module's public face: versioned items, warehouses and suppliers.
export { itemCommand, supplierCommand, warehouseCommand } from './commands.ts';
export { getItem, getSupplier, getWarehouse } from './read.ts';
export type { ItemRecord, SupplierRecord, WarehouseRecord } from './records.ts';
export {
  ItemFields,
  ItemInput,
  MasterKey,
  PositiveQuantity,
  Quantity,
  SupplierFields,
  SupplierInput,
  UnitPrice,
  WarehouseFields,
  WarehouseInput,
} from './schema.ts';
