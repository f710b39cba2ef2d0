// The JSON shapes the asset commands and reads answer with: money as decimal strings, rates as decimals.
import type { PostedJournal } from '../journal.ts';
import { formatMoney } from '../money.ts';
import { dbRate } from './depreciation.ts';
import { formatDecimal } from './rational.ts';
import type { AssetRecord } from './records.ts';

export function journalJson(posted: PostedJournal) {
  return {
    number: posted.number,
    date: posted.date,
    fiscal_year: posted.fiscal_year,
    total: formatMoney(posted.total),
    line_count: posted.line_count,
  };
}

/** The rate a declining-balance asset uses: the chosen one, or DB's own (three decimals); null otherwise. */
export function effectiveRate(asset: AssetRecord): string | null {
  if (asset.method !== 'declining_balance') return null;
  return formatDecimal(asset.rate ?? dbRate(asset.cost, asset.salvage, asset.lifeYears));
}

export function assetJson(asset: AssetRecord) {
  return {
    number: asset.number,
    name: asset.name,
    category: asset.category,
    cost: formatMoney(asset.cost),
    salvage_value: formatMoney(asset.salvage),
    useful_life_years: asset.lifeYears,
    start_date: asset.startDate,
    method: asset.method,
    rate: effectiveRate(asset),
    is_rate_fixed: asset.rate !== null,
    accounts: asset.accounts,
    department: asset.department,
    cost_center: asset.costCenter,
    posting_date: asset.postingDate,
    acquisition_journal: asset.acquisitionJournal,
  };
}
