// `init`: a new database with the schemas, the reference seeds, the company settings and a first admin.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword, hashToken, newToken } from './access/commands.ts';
import { PASSWORD_CHARS_MIN } from './access/schema.ts';
import { Database } from './db/database.ts';
import { invalid, LedgerError } from './errors.ts';

export const SEEDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'seeds');

export interface InitOptions {
  path: string;
  company?: string;
  currency?: string;
  fiscalYearStartMonth?: number;
  /** Becomes the admin token; otherwise one is generated (LEDGERLINE_ADMIN_TOKEN at the CLI). */
  adminToken?: string;
  /** Becomes the admin password; otherwise one is generated (LEDGERLINE_ADMIN_PASSWORD at the CLI). */
  adminPassword?: string;
  /** Book issues beyond stock instead of refusing them (`init --allow-negative-stock`); off by default. */
  allowNegativeStock?: boolean;
}

export interface InitResult {
  adminToken: string;
  adminPassword: string;
}

/** CSV seed → table, with its columns typed so codes stay text. */
const SEEDS: Array<{ file: string; table: string; columns: Record<string, string> }> = [
  {
    file: 'chart_of_accounts.csv',
    table: 'ref.accounts',
    columns: {
      code: 'VARCHAR',
      name: 'VARCHAR',
      type: 'VARCHAR',
      parent_code: 'VARCHAR',
      is_group: 'BOOLEAN',
      normal_balance: 'VARCHAR',
      statement: 'VARCHAR',
      statement_section: 'VARCHAR',
      statement_line: 'VARCHAR',
      cash_flow_category: 'VARCHAR',
      cash_flow_line: 'VARCHAR',
      sort_order: 'INTEGER',
    },
  },
  {
    file: 'roles.csv',
    table: 'ref.roles',
    columns: { role: 'VARCHAR', description: 'VARCHAR', is_read_only: 'BOOLEAN' },
  },
  {
    file: 'number_series.csv',
    table: 'ref.number_series',
    columns: {
      series: 'VARCHAR',
      document_type: 'VARCHAR',
      prefix: 'VARCHAR',
      padding: 'INTEGER',
      resets: 'VARCHAR',
    },
  },
  {
    file: 'posting_rules.csv',
    table: 'ref.posting_rules',
    columns: { rule: 'VARCHAR', account_code: 'VARCHAR', description: 'VARCHAR' },
  },
  {
    file: 'approval_rules.csv',
    table: 'ref.approval_rules',
    columns: { rule_no: 'INTEGER', amount_over: 'DECIMAL(18,2)', category: 'VARCHAR', role: 'VARCHAR' },
  },
  {
    file: 'tax_codes.csv',
    table: 'ref.tax_codes',
    columns: { tax_code: 'VARCHAR', rate_bp: 'INTEGER', account_code: 'VARCHAR', description: 'VARCHAR' },
  },
  {
    file: 'dimensions.csv',
    table: 'ref.dimensions',
    columns: { dimension: 'VARCHAR', code: 'VARCHAR', name: 'VARCHAR' },
  },
];

function seedSql(seed: (typeof SEEDS)[number]): string {
  const path = join(SEEDS_DIR, seed.file).replaceAll("'", "''");
  const columns = Object.entries(seed.columns)
    .map(([name, type]) => `'${name}': '${type}'`)
    .join(', ');
  const names = Object.keys(seed.columns).join(', ');
  return `insert into ${seed.table} (${names}) select ${names} from read_csv('${path}', header = true, columns = {${columns}})`;
}

export async function initLedger(options: InitOptions): Promise<InitResult> {
  if (existsSync(options.path)) {
    throw new LedgerError(
      'conflict',
      'already_initialized',
      `${options.path} already exists; choose another --db or remove it`,
    );
  }
  if (options.adminPassword !== undefined && options.adminPassword.length < PASSWORD_CHARS_MIN) {
    throw invalid([
      {
        path: 'adminPassword',
        code: 'password_too_short',
        message: `a password has at least ${PASSWORD_CHARS_MIN} characters`,
      },
    ]);
  }
  const db = await Database.open(options.path);
  const adminToken = options.adminToken ?? newToken();
  const adminPassword = options.adminPassword ?? randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(adminPassword);
  const connection = db.writeConnection;
  try {
    await connection.run('begin transaction');
    for (const seed of SEEDS) await connection.run(seedSql(seed));
    const settings: Record<string, string> = {
      company_name: options.company ?? 'Demo Company',
      currency: options.currency ?? 'EUR',
      fiscal_year_start_month: String(options.fiscalYearStartMonth ?? 1),
      session_secret: randomBytes(32).toString('hex'),
      allow_negative_stock: String(options.allowNegativeStock === true),
      initialized_at: new Date().toISOString(),
    };
    for (const [key, value] of Object.entries(settings)) {
      await connection.run('insert into meta.settings values (?, ?)', [key, value]);
    }
    await connection.run("insert into meta.users values ('admin', 'admin', ?, current_timestamp, 'init')", [
      passwordHash,
    ]);
    await connection.run("insert into meta.tokens values (?, 'admin', 'admin', current_timestamp, 'init')", [
      hashToken(adminToken),
    ]);
    await connection.run('commit');
  } catch (error) {
    await connection.run('rollback');
    throw error;
  } finally {
    await db.close();
  }
  return { adminToken, adminPassword };
}
