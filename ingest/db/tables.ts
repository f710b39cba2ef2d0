// Column layouts of the tables the write path appends to (row-buffer.ts writes them).
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DECIMAL,
  type DuckDBType,
  INTEGER,
  TIMESTAMPTZ,
  VARCHAR,
} from '@duckdb/node-api';

export interface TableSpec {
  readonly schema: string;
  readonly table: string;
  readonly columns: ReadonlyArray<readonly [name: string, type: DuckDBType]>;
}

const MONEY = DECIMAL(18, 2);
/** A rate with six decimals (fixed declining-balance rates of fixed assets). */
const RATE = DECIMAL(7, 6);
/** Columns every fact row carries, after its own. */
const PROVENANCE = [
  ['recorded_at', TIMESTAMPTZ],
  ['user_name', VARCHAR],
  ['idempotency_key', VARCHAR],
] as const;

function spec(schema: string, table: string, columns: TableSpec['columns']): TableSpec {
  return { schema, table, columns };
}

export const TABLES = {
  documents: spec('facts', 'documents', [
    ['seq', BIGINT],
    ['document_type', VARCHAR],
    ['document_number', VARCHAR],
    ['series', VARCHAR],
    ['fiscal_year', INTEGER],
    ['number_in_series', INTEGER],
    ['posting_date', DATE],
    ...PROVENANCE,
  ]),
  journalEntries: spec('facts', 'journal_entries', [
    ['seq', BIGINT],
    ['document_type', VARCHAR],
    ['document_number', VARCHAR],
    ['series', VARCHAR],
    ['fiscal_year', INTEGER],
    ['posting_date', DATE],
    ['memo', VARCHAR],
    ['reference', VARCHAR],
    ['source_document_type', VARCHAR],
    ['source_document_number', VARCHAR],
    ['reverses_document_number', VARCHAR],
    ['line_count', INTEGER],
    ['total_debit', MONEY],
    ...PROVENANCE,
  ]),
  journalLines: spec('facts', 'journal_lines', [
    ['seq', BIGINT],
    ['document_type', VARCHAR],
    ['document_number', VARCHAR],
    ['line_no', INTEGER],
    ['posting_date', DATE],
    ['account_code', VARCHAR],
    ['debit', MONEY],
    ['credit', MONEY],
    ['department', VARCHAR],
    ['cost_center', VARCHAR],
    ['project', VARCHAR],
    ['party', VARCHAR],
    ['memo', VARCHAR],
    ...PROVENANCE,
  ]),
  processEvents: spec('facts', 'process_events', [
    ['seq', BIGINT],
    ['process', VARCHAR],
    ['case_id', VARCHAR],
    ['activity', VARCHAR],
    ['event_at', TIMESTAMPTZ],
    ['actor', VARCHAR],
    ['document_type', VARCHAR],
    ['document_number', VARCHAR],
    ['posting_date', DATE],
    ...PROVENANCE,
  ]),
  periodEvents: spec('facts', 'period_events', [
    ['seq', BIGINT],
    ['period', VARCHAR],
    ['action', VARCHAR],
    ['document_type', VARCHAR],
    ['document_number', VARCHAR],
    ['posting_date', DATE],
    ['reason', VARCHAR],
    ...PROVENANCE,
  ]),
  auditLog: spec('meta', 'audit_log', [
    ['seq', BIGINT],
    ['command', VARCHAR],
    ['user_name', VARCHAR],
    ['idempotency_key', VARCHAR],
    ['request_hash', VARCHAR],
    ['response_status', INTEGER],
    ['response_body', VARCHAR],
    ['document_type', VARCHAR],
    ['document_number', VARCHAR],
    ['recorded_at', TIMESTAMPTZ],
  ]),
  accounts: spec('ref', 'accounts', [
    ['code', VARCHAR],
    ['name', VARCHAR],
    ['type', VARCHAR],
    ['parent_code', VARCHAR],
    ['is_group', BOOLEAN],
    ['normal_balance', VARCHAR],
    ['statement', VARCHAR],
    ['statement_section', VARCHAR],
    ['statement_line', VARCHAR],
    ['cash_flow_category', VARCHAR],
    ['cash_flow_line', VARCHAR],
    ['sort_order', INTEGER],
    ['added_at', TIMESTAMPTZ],
  ]),
  users: spec('meta', 'users', [
    ['user_name', VARCHAR],
    ['role', VARCHAR],
    ['password_hash', VARCHAR],
    ['created_at', TIMESTAMPTZ],
    ['created_by', VARCHAR],
  ]),
  tokens: spec('meta', 'tokens', [
    ['token_hash', VARCHAR],
    ['token_name', VARCHAR],
    ['role', VARCHAR],
    ['created_at', TIMESTAMPTZ],
    ['created_by', VARCHAR],
  ]),
  assets: spec('facts', 'assets', [
    ['seq', BIGINT],
    ['document_type', VARCHAR],
    ['document_number', VARCHAR],
    ['posting_date', DATE],
    ['asset_name', VARCHAR],
    ['category', VARCHAR],
    ['cost', MONEY],
    ['salvage_value', MONEY],
    ['useful_life_years', INTEGER],
    ['start_date', DATE],
    ['method', VARCHAR],
    ['rate', RATE],
    ['asset_account', VARCHAR],
    ['accumulated_depreciation_account', VARCHAR],
    ['depreciation_expense_account', VARCHAR],
    ['department', VARCHAR],
    ['cost_center', VARCHAR],
    ['acquisition_journal_number', VARCHAR],
    ...PROVENANCE,
  ]),
  assetDepreciation: spec('facts', 'asset_depreciation', [
    ['seq', BIGINT],
    ['document_type', VARCHAR],
    ['document_number', VARCHAR],
    ['line_no', INTEGER],
    ['posting_date', DATE],
    ['asset_number', VARCHAR],
    ['period', VARCHAR],
    ['amount', MONEY],
    ...PROVENANCE,
  ]),
  assetDisposals: spec('facts', 'asset_disposals', [
    ['seq', BIGINT],
    ['document_type', VARCHAR],
    ['document_number', VARCHAR],
    ['posting_date', DATE],
    ['asset_number', VARCHAR],
    ['cost', MONEY],
    ['accumulated_depreciation', MONEY],
    ['proceeds', MONEY],
    ['proceeds_account', VARCHAR],
    ['gain_loss', MONEY],
    ['memo', VARCHAR],
    ...PROVENANCE,
  ]),
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
