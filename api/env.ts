// Types the whole app shares: the request context's variables and who may call a route.
import type { Role } from '../ingest/index.ts';

/** Who is calling, and how they proved it. */
export interface Principal {
  name: string;
  role: string;
  via: 'token' | 'session';
}

export type AppEnv = {
  Variables: {
    principal: Principal;
    /** The matched route's pattern (`/api/v1/journals/:number`), the metrics' label. */
    route: string;
  };
};

/** `public`: anyone; `signed_in`: any role (reads); a list: only those roles. */
export type Access = 'public' | 'signed_in' | readonly Role[];

/** Posting, reversing, closing periods and extending the chart of accounts. */
export const FINANCE_ROLES = ['admin', 'finance'] as const satisfies readonly Role[];
/** Managing users and tokens. */
export const ADMIN_ROLES = ['admin'] as const satisfies readonly Role[];

export const JSON_MEDIA = 'application/json';
export const FORM_MEDIA = 'application/x-www-form-urlencoded';
export const PROBLEM_MEDIA = 'application/problem+json';
/** Items and warehouses: the warehouse and the buyers keep them. */
export const ITEM_ROLES = ['admin', 'inventory', 'purchasing'] as const satisfies readonly Role[];
/** Suppliers: the buyers and accounts payable keep them. */
export const SUPPLIER_ROLES = ['admin', 'purchasing', 'finance'] as const satisfies readonly Role[];
/** Stock issues, transfers and counts. */
export const INVENTORY_ROLES = ['admin', 'inventory'] as const satisfies readonly Role[];
/** Purchase orders (and their plan) and goods receipts, which the warehouse posts too. */
export const PURCHASING_ROLES = ['admin', 'purchasing'] as const satisfies readonly Role[];
export const RECEIVING_ROLES = ['admin', 'purchasing', 'inventory'] as const satisfies readonly Role[];
/** Supplier invoices: accounts payable and the buyers. */
export const PAYABLES_ROLES = ['admin', 'finance', 'purchasing'] as const satisfies readonly Role[];
/** Customers: sales and accounts receivable keep them. */
export const CUSTOMER_ROLES = ['admin', 'sales', 'finance'] as const satisfies readonly Role[];
/** Sales orders: raised, confirmed, closed and cancelled by sales. */
export const SALES_ROLES = ['admin', 'sales'] as const satisfies readonly Role[];
/** Shipments: sales and the warehouse post them. */
export const SHIPPING_ROLES = ['admin', 'sales', 'inventory'] as const satisfies readonly Role[];
/** Customer invoices and credit notes: accounts receivable and sales. */
export const RECEIVABLES_ROLES = ['admin', 'finance', 'sales'] as const satisfies readonly Role[];
