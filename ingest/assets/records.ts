// Fixed assets as the facts record them: the registration row read back into typed terms, and the
// accounts a disposal posts to. Shared by the commands (which read facts inside exclusive commands) and reads.
import type { Database, Row } from '../db/database.ts';
import { minorFromString } from '../money.ts';
import type { DepreciationMethod } from './depreciation.ts';
import { parseDecimal } from './rational.ts';
import type { AssetTerms } from './schedule.ts';

/** Gain on disposal of assets (revenue, other income) in seeds/chart_of_accounts.csv. */
export const DISPOSAL_GAIN_ACCOUNT = '8010';
/** Loss on disposal of assets (expense, other expenses) in seeds/chart_of_accounts.csv. */
export const DISPOSAL_LOSS_ACCOUNT = '8110';

export interface AssetAccounts {
  asset: string;
  accumulated_depreciation: string;
  depreciation_expense: string;
}

/** Default accounts per category, from the chart's property, plant and equipment group (1500) and 7100. */
export const CATEGORY_ACCOUNTS: Readonly<Record<string, AssetAccounts>> = {
  buildings: { asset: '1520', accumulated_depreciation: '1525', depreciation_expense: '7100' },
  machinery: { asset: '1530', accumulated_depreciation: '1535', depreciation_expense: '7100' },
  vehicles: { asset: '1540', accumulated_depreciation: '1545', depreciation_expense: '7100' },
  office_equipment: { asset: '1550', accumulated_depreciation: '1555', depreciation_expense: '7100' },
  it_equipment: { asset: '1560', accumulated_depreciation: '1565', depreciation_expense: '7100' },
};

export interface AssetRecord extends AssetTerms {
  number: string;
  name: string;
  category: string;
  /** The date the asset entered the books: the acquisition date, or the start date without acquisition. */
  postingDate: string;
  accounts: AssetAccounts;
  department: string | null;
  costCenter: string | null;
  acquisitionJournal: string | null;
}

/** The columns `assetFromRow` reads, for `select ${ASSET_COLUMNS} from facts.assets`. */
export const ASSET_COLUMNS = `document_number, posting_date, asset_name, category, cost,
  salvage_value, useful_life_years, start_date, method, rate, asset_account, accumulated_depreciation_account,
  depreciation_expense_account, department, cost_center, acquisition_journal_number`;

const text = (value: unknown): string => String(value);
const optional = (value: unknown): string | null => (value === null ? null : String(value));

export function assetFromRow(row: Row): AssetRecord {
  return {
    number: text(row.document_number),
    name: text(row.asset_name),
    category: text(row.category),
    postingDate: text(row.posting_date),
    method: text(row.method) as DepreciationMethod,
    cost: minorFromString(text(row.cost)),
    salvage: minorFromString(text(row.salvage_value)),
    lifeYears: Number(row.useful_life_years),
    startDate: text(row.start_date),
    rate: row.rate === null ? null : parseDecimal(text(row.rate)),
    accounts: {
      asset: text(row.asset_account),
      accumulated_depreciation: text(row.accumulated_depreciation_account),
      depreciation_expense: text(row.depreciation_expense_account),
    },
    department: optional(row.department),
    costCenter: optional(row.cost_center),
    acquisitionJournal: optional(row.acquisition_journal_number),
  };
}

export async function loadAsset(db: Database, number: string): Promise<AssetRecord | null> {
  const [row] = await db.query(`select ${ASSET_COLUMNS} from facts.assets where document_number = ?`, [
    number,
  ]);
  return row ? assetFromRow(row) : null;
}

export interface PostedDepreciation {
  period: string;
  amount: bigint;
  journal: string;
  postingDate: string;
}

/** What the runs posted for one asset, by period. */
export async function postedDepreciation(db: Database, number: string): Promise<PostedDepreciation[]> {
  const rows = await db.query(
    `select period, amount, document_number, posting_date from facts.asset_depreciation
     where asset_number = ? order by period`,
    [number],
  );
  return rows.map((row) => ({
    period: text(row.period),
    amount: minorFromString(text(row.amount)),
    journal: text(row.document_number),
    postingDate: text(row.posting_date),
  }));
}
