// What the write path must know to check a command without a query: loaded once from the database,
// changed only by the writer, and every change undoable until its transaction commits.

import { FiscalCalendar } from './dates.ts';
import type { Database } from './db/database.ts';
import { TABLES } from './db/tables.ts';
import {
  IDEMPOTENCY_KEYS_MAX,
  IDEMPOTENCY_RETENTION_MS,
  type IdempotencyRecord,
  idempotencyScope,
} from './idempotency.ts';
import { StockLedger } from './inventory/stock-state.ts';
import { MasterData } from './masterdata/records.ts';
import type { ApprovalRule } from './purchasing/approval.ts';

export interface AccountInfo {
  code: string;
  name: string;
  type: string;
  parentCode: string | null;
  isGroup: boolean;
}

export interface SeriesInfo {
  series: string;
  documentType: string;
  prefix: string;
  padding: number;
}

export interface Principal {
  name: string;
  role: string;
}

export interface PeriodClose {
  closedAt: string;
  closedBy: string;
}

export interface Settings {
  companyName: string;
  currency: string;
  fiscalYearStartMonth: number;
  sessionSecret: string;
  /** Issues beyond stock are booked (non-batch items only) instead of refused with insufficient_stock. */
  allowNegativeStock: boolean;
}

export class LedgerState {
  /** Last sequence number given to a fact row; the transforms' watermark. */
  seq = 0n;
  readonly lastNumbers = new Map<string, number>();
  readonly seriesByType = new Map<string, SeriesInfo>();
  readonly closedPeriods = new Map<string, PeriodClose>();
  readonly accounts = new Map<string, AccountInfo>();
  readonly dimensions = new Set<string>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly tokens = new Map<string, Principal>();
  readonly users = new Map<string, Principal & { passwordHash: string }>();
  /** Original journal number → the number of the journal that reversed it. */
  readonly reversals = new Map<string, string>();
  readonly roles = new Set<string>();
  /** Posting rule (`grni`, `payables`…) → account code, from ref.posting_rules. */
  readonly postingRules = new Map<string, string>();
  approvalRules: ApprovalRule[] = [];
  /** Output tax per tax code (ref.tax_codes): rate in basis points and the account it is credited to. */
  readonly taxCodes = new Map<string, { rateBp: number; account: string }>();
  /** Current versions of items, warehouses and suppliers. */
  readonly masterData = new MasterData();
  /** Stock on hand and its value, per item and warehouse. */
  readonly stock = new StockLedger();
  settings: Settings = {
    companyName: '',
    currency: 'EUR',
    fiscalYearStartMonth: 1,
    sessionSecret: '',
    allowNegativeStock: false,
  };
  calendar = new FiscalCalendar(1);

  static async load(db: Database): Promise<LedgerState> {
    const state = new LedgerState();
    await Promise.all([
      state.loadSettings(db),
      state.loadSequence(db),
      state.loadReference(db),
      state.loadLedger(db),
      state.loadAccess(db),
      state.loadInventory(db),
    ]);
    return state;
  }

  private async loadSettings(db: Database): Promise<void> {
    const rows = await db.query<{ key: string; value: string }>('select key, value from meta.settings');
    const map = new Map(rows.map((row) => [row.key, row.value]));
    this.settings = {
      companyName: map.get('company_name') ?? '',
      currency: map.get('currency') ?? 'EUR',
      fiscalYearStartMonth: Number(map.get('fiscal_year_start_month') ?? 1),
      sessionSecret: map.get('session_secret') ?? '',
      allowNegativeStock: map.get('allow_negative_stock') === 'true',
    };
    this.calendar = new FiscalCalendar(this.settings.fiscalYearStartMonth);
  }

  /** The highest `seq` in every appended table that has one, so the counter survives a restart. */
  private async loadSequence(db: Database): Promise<void> {
    const parts = Object.values(TABLES)
      .filter((table) => table.columns.some(([name]) => name === 'seq'))
      .map((table) => `select max(seq) as seq from ${table.schema}.${table.table}`);
    const [row] = await db.query<{ seq: string | null }>(
      `select max(seq) as seq from (${parts.join(' union all ')})`,
    );
    this.seq = BigInt(row?.seq ?? 0);
  }

  private async loadReference(db: Database): Promise<void> {
    const [accounts, series, dimensions, roles] = await Promise.all([
      db.query('select code, name, type, parent_code, is_group from ref.accounts'),
      db.query('select series, document_type, prefix, padding from ref.number_series'),
      db.query('select dimension, code from ref.dimensions'),
      db.query('select role from ref.roles'),
    ]);
    for (const row of accounts) {
      const code = String(row.code);
      this.accounts.set(code, {
        code,
        name: String(row.name),
        type: String(row.type),
        parentCode: row.parent_code === null ? null : String(row.parent_code),
        isGroup: Boolean(row.is_group),
      });
    }
    for (const row of series) {
      this.seriesByType.set(String(row.document_type), {
        series: String(row.series),
        documentType: String(row.document_type),
        prefix: String(row.prefix),
        padding: Number(row.padding),
      });
    }
    for (const row of dimensions) this.dimensions.add(`${row.dimension}:${row.code}`);
    for (const row of roles) this.roles.add(String(row.role));
  }

  private async loadLedger(db: Database): Promise<void> {
    const [numbers, periods, reversals, idempotency] = await Promise.all([
      db.query('select series, fiscal_year, max(number_in_series) as last from facts.documents group by all'),
      db.query(
        `select period, action, recorded_at, user_name from facts.period_events
         qualify row_number() over (partition by period order by seq desc) = 1`,
      ),
      db.query(
        'select reverses_document_number as original, document_number from facts.journal_entries where reverses_document_number is not null',
      ),
      // The keys of the retention window, newest IDEMPOTENCY_KEYS_MAX at most, oldest first; not the answers.
      db.query(
        `select user_name, idempotency_key, request_hash, response_status, seq, epoch_ms(recorded_at) as recorded_ms
         from meta.audit_log
         where recorded_at > now() - to_milliseconds(${IDEMPOTENCY_RETENTION_MS})
         qualify row_number() over (order by seq desc) <= ${IDEMPOTENCY_KEYS_MAX}
         order by seq`,
      ),
    ]);
    for (const row of numbers) this.lastNumbers.set(`${row.series}|${row.fiscal_year}`, Number(row.last));
    for (const row of periods) {
      if (row.action === 'close') {
        this.closedPeriods.set(String(row.period), {
          closedAt: String(row.recorded_at),
          closedBy: String(row.user_name),
        });
      }
    }
    for (const row of reversals) this.reversals.set(String(row.original), String(row.document_number));
    for (const row of idempotency) {
      this.idempotency.set(idempotencyScope(String(row.user_name), String(row.idempotency_key)), {
        requestHash: String(row.request_hash),
        status: Number(row.response_status),
        auditSeq: BigInt(String(row.seq)),
        recordedAtMs: Number(row.recorded_ms),
      });
    }
  }

  /** Master data first: replaying the stock moves needs each item's valuation method. */
  private async loadInventory(db: Database): Promise<void> {
    const [rules, approvals, taxCodes] = await Promise.all([
      db.query('select rule, account_code from ref.posting_rules'),
      db.query('select amount_over, category, role from ref.approval_rules order by rule_no'),
      db.query('select tax_code, rate_bp, account_code from ref.tax_codes'),
      this.masterData.load(db),
    ]);
    for (const row of taxCodes) {
      this.taxCodes.set(String(row.tax_code), {
        rateBp: Number(row.rate_bp),
        account: String(row.account_code),
      });
    }
    for (const row of rules) this.postingRules.set(String(row.rule), String(row.account_code));
    this.approvalRules = approvals.map((row) => ({
      amount_over: String(row.amount_over),
      role: String(row.role),
      ...(row.category === null ? {} : { category: String(row.category) }),
    }));
    await this.stock.load(db, this.masterData.items);
  }

  private async loadAccess(db: Database): Promise<void> {
    const [tokens, users] = await Promise.all([
      db.query('select token_hash, token_name, role from meta.tokens'),
      db.query('select user_name, role, password_hash from meta.users'),
    ]);
    for (const row of tokens) {
      this.tokens.set(String(row.token_hash), { name: String(row.token_name), role: String(row.role) });
    }
    for (const row of users) {
      this.users.set(String(row.user_name), {
        name: String(row.user_name),
        role: String(row.role),
        passwordHash: String(row.password_hash),
      });
    }
  }
}

/** An undo log over the state's maps and counters, so a refused command leaves no trace. */
export class Changes {
  private readonly undo: Array<() => void> = [];

  get mark(): number {
    return this.undo.length;
  }

  set<K, V>(map: Map<K, V>, key: K, value: V): void {
    const had = map.has(key);
    const previous = map.get(key);
    map.set(key, value);
    this.undo.push(() => (had ? map.set(key, previous as V) : map.delete(key)));
  }

  add<V>(set: Set<V>, value: V): void {
    if (set.has(value)) return;
    set.add(value);
    this.undo.push(() => set.delete(value));
  }

  remember(restore: () => void): void {
    this.undo.push(restore);
  }

  /** Undoes every change made after `mark`, newest first. */
  rollbackTo(mark: number): void {
    while (this.undo.length > mark) this.undo.pop()?.();
  }

  /** The changes are committed: forget how to undo them. */
  clear(): void {
    this.undo.length = 0;
  }
}
