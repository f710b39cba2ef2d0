// The JSON shapes master data answers with: quantities and prices as decimal strings.
import { formatMicros, formatQuantity } from '../inventory/quantity.ts';
import { formatMoney } from '../money.ts';
import type { CustomerRecord, ItemRecord, SupplierRecord, WarehouseRecord } from './records.ts';

export function itemJson(item: ItemRecord) {
  return {
    sku: item.sku,
    version: item.version,
    valid_from: item.validFrom,
    name: item.name,
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
  };
}

export function warehouseJson(warehouse: WarehouseRecord) {
  return {
    code: warehouse.code,
    version: warehouse.version,
    valid_from: warehouse.validFrom,
    name: warehouse.name,
    address: warehouse.address,
    is_active: warehouse.isActive,
  };
}

export function supplierJson(supplier: SupplierRecord) {
  return {
    code: supplier.code,
    version: supplier.version,
    valid_from: supplier.validFrom,
    name: supplier.name,
    currency: supplier.currency,
    payment_terms_days: supplier.paymentTermsDays,
    payables_account: supplier.payablesAccount,
    price_tolerance_percent: supplier.priceTolerancePercent.toFixed(2),
    receipt_tolerance_percent: supplier.receiptTolerancePercent.toFixed(2),
    is_active: supplier.isActive,
  };
}

export function customerJson(customer: CustomerRecord) {
  return {
    code: customer.code,
    version: customer.version,
    valid_from: customer.validFrom,
    name: customer.name,
    contact_name: customer.contactName,
    email: customer.email,
    phone: customer.phone,
    billing_address: customer.billingAddress,
    shipping_address: customer.shippingAddress,
    currency: customer.currency,
    payment_terms_days: customer.paymentTermsDays,
    credit_rating: customer.creditRating,
    credit_limit: formatMoney(customer.creditLimit),
    salesperson: customer.salesperson,
    segment: customer.segment,
    receivables_account: customer.receivablesAccount,
    is_active: customer.isActive,
  };
}
