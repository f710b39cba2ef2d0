// The registry of report definitions: statements first, then reports; the API lists and runs from here.
import { z } from 'zod';
import { LedgerError } from '../ingest/index.ts';
import type { ColumnDef, ReportDefinition } from './definition.ts';
import { apAging } from './definitions/ap-aging.ts';
import { assetRegister } from './definitions/asset-register.ts';
import {
  expiringStock,
  inventoryTurns,
  slowMovingStock,
  stockValuationReconciliation,
} from './definitions/inventory-analysis.ts';
import { monthlyResult } from './definitions/monthly-result.ts';
import { postingPeriods } from './definitions/posting-periods.ts';
import { openPurchaseOrders, supplierDelivery } from './definitions/purchase-orders.ts';
import { purchaseAnalysis, supplierLedger } from './definitions/purchasing-analysis.ts';
import { arAging, customerLedger, daysSalesOutstanding } from './definitions/receivables.ts';
import { grossMargin, invoiceMargin, salesAnalysis } from './definitions/sales-analysis.ts';
import { salesForecast, salesForecastBacktest } from './definitions/sales-forecast.ts';
import { onTimeDelivery, openSalesOrders } from './definitions/sales-orders.ts';
import { stockBalance } from './definitions/stock-balance.ts';
import { stockByWarehouse } from './definitions/stock-by-warehouse.ts';
import { stockLedger } from './definitions/stock-ledger.ts';
import { stockValueByMonth } from './definitions/stock-value-by-month.ts';
import { cashForecast } from './kpis/cash-forecast.ts';
import { executiveKpis } from './kpis/executive-kpis.ts';
import { depreciationByMonth } from './operations/depreciation-by-month.ts';
import { postingsPerDay } from './operations/postings-per-day.ts';
import { processActivity } from './operations/process-activity.ts';
import { balanceSheet } from './statements/balance-sheet.ts';
import { cashFlow } from './statements/cash-flow.ts';
import { generalLedger } from './statements/general-ledger.ts';
import { incomeStatement } from './statements/income-statement.ts';
import { trialBalance } from './statements/trial-balance.ts';

// Each definition keeps its own parameter type; the registry only needs what every definition shares.
const DEFINITIONS = [
  trialBalance,
  generalLedger,
  balanceSheet,
  incomeStatement,
  cashFlow,
  monthlyResult,
  assetRegister,
  executiveKpis,
  cashForecast,
  postingsPerDay,
  processActivity,
  depreciationByMonth,
  postingPeriods,
  stockBalance,
  stockByWarehouse,
  stockValueByMonth,
  stockLedger,
  apAging,
  openPurchaseOrders,
  supplierDelivery,
  stockValuationReconciliation,
  expiringStock,
  slowMovingStock,
  inventoryTurns,
  supplierLedger,
  purchaseAnalysis,
  openSalesOrders,
  onTimeDelivery,
  arAging,
  customerLedger,
  daysSalesOutstanding,
  salesAnalysis,
  grossMargin,
  invoiceMargin,
  salesForecast,
  salesForecastBacktest,
] as ReportDefinition[];

const BY_ID = new Map(DEFINITIONS.map((definition) => [definition.id, definition]));

export const REPORT_IDS = DEFINITIONS.map((definition) => definition.id);

/** One entry of `GET /api/v1/reports`: enough to build a form and to know what comes back. */
export interface CatalogueEntry {
  id: string;
  title: string;
  description: string;
  kind: 'statement' | 'report';
  /** JSON Schema of the parameters as the caller sends them. */
  params: unknown;
  columns: ColumnDef[];
  has_chart: boolean;
  has_workbook: boolean;
}

export function listReports(): CatalogueEntry[] {
  return DEFINITIONS.map((definition) => ({
    id: definition.id,
    title: definition.title,
    description: definition.description,
    kind: definition.kind,
    params: z.toJSONSchema(definition.params, { io: 'input', unrepresentable: 'any' }),
    columns: definition.columns,
    has_chart: definition.chart !== undefined,
    has_workbook: definition.workbook !== undefined,
  }));
}

/** The definition of `id`, or a `not_found` LedgerError naming the unknown report. */
export function getReport(id: string): ReportDefinition {
  const definition = BY_ID.get(id);
  if (!definition) {
    throw new LedgerError('not_found', 'report_not_found', `no report "${id}"`, [
      { path: 'id', code: 'report_not_found', message: `no report "${id}"; see GET /api/v1/reports` },
    ]);
  }
  return definition;
}
