// The master-data module's public face: versioned items, warehouses, suppliers and customers.
export { itemCommand, supplierCommand, warehouseCommand } from './commands.ts';
export { customerCommand } from './customers.ts';
export { getCustomer, getItem, getSupplier, getWarehouse } from './read.ts';
export type { CustomerRecord, ItemRecord, SupplierRecord, WarehouseRecord } from './records.ts';
export {
  CustomerFields,
  CustomerInput,
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
