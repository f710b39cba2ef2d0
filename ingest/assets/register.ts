// Registering a fixed asset: its terms become a fact, numbered from the 'asset' series, and an optional
// acquisition journal (Dr asset / Cr the credit account) posts its cost in the same transaction.

import { DuckDBDecimalValue } from '@duckdb/node-api';
import { POSTING_DATE_MAX, POSTING_DATE_MIN } from '../dates.ts';
import { ErrorList } from '../errors.ts';
import type { Actor } from '../finance/commands.ts';
import { appendJournal, type PostedJournal } from '../journal.ts';
import { formatMoney } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import { checkPostingDate } from '../periods.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { assetJson, journalJson } from './answers.ts';
import { type AssetAccounts, type AssetRecord, CATEGORY_ACCOUNTS } from './records.ts';
import type { AssetInput } from './schema.ts';

/** The process every asset event belongs to, from registration to disposal. */
export const ASSET_PROCESS = 'acquire_to_retire';

/** What each account of an asset must be: its type and normal balance (the accumulated depreciation
 * account is a contra-asset, IAS 16.73(d) reports it against the gross carrying amount). */
const ACCOUNT_RULES = [
  { field: 'asset', type: 'asset', balance: 'debit', role: 'an asset account with a debit balance' },
  {
    field: 'accumulated_depreciation',
    type: 'asset',
    balance: 'credit',
    role: 'a contra-asset account (type asset, credit balance)',
  },
  { field: 'depreciation_expense', type: 'expense', balance: 'debit', role: 'an expense account' },
] as const;

export function registerAssetCommand(actor: Actor, input: AssetInput): Command {
  return {
    name: 'asset.register',
    ...actor,
    request: input,
    // Exclusive because it reads the accounts' normal balances from ref.accounts, not from the state.
    exclusive: true,
    async run(ctx): Promise<CommandResult> {
      const errors = new ErrorList();
      const accounts = resolveAccounts(input, errors);
      await checkAccounts(ctx, accounts, errors);
      checkDimensions(ctx, input, errors);
      checkDates(ctx, input, errors);
      errors.throwIfAny('the asset cannot be registered');
      const asset = recordOf(ctx, input, accounts as AssetAccounts);
      const journal = input.acquisition ? postAcquisition(ctx, asset, input.acquisition) : null;
      asset.acquisitionJournal = journal?.number ?? null;
      appendAssetRow(ctx, asset);
      appendProcessEvent(ctx, {
        process: ASSET_PROCESS,
        caseId: asset.number,
        activity: 'asset_registered',
        documentType: 'asset',
        documentNumber: asset.number,
        postingDate: asset.postingDate,
      });
      const body = {
        id: asset.number,
        number: asset.number,
        asset: assetJson(asset),
        ...(journal ? { journal: journalJson(journal) } : {}),
      };
      return { status: 201, body, documentType: 'asset', documentNumber: asset.number };
    },
  };
}

/** The given accounts, each missing one taken from the category's defaults. */
function resolveAccounts(input: AssetInput, errors: ErrorList): Partial<AssetAccounts> {
  const defaults = CATEGORY_ACCOUNTS[input.category];
  const accounts: Partial<AssetAccounts> = { ...defaults, ...stripUndefined(input.accounts) };
  for (const { field } of ACCOUNT_RULES) {
    if (accounts[field] === undefined) {
      errors.add(
        `accounts.${field}`,
        'account_required',
        `category "${input.category}" has no default ${field} account; name one`,
      );
    }
  }
  return accounts;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

async function checkAccounts(
  ctx: CommandContext,
  accounts: Partial<AssetAccounts>,
  errors: ErrorList,
): Promise<void> {
  const codes = ACCOUNT_RULES.map(({ field }) => accounts[field] ?? '');
  const rows = await ctx.db.query(
    'select code, type, is_group, normal_balance from ref.accounts where code in (?, ?, ?)',
    codes,
  );
  const byCode = new Map(rows.map((row) => [String(row.code), row]));
  for (const rule of ACCOUNT_RULES) {
    const code = accounts[rule.field];
    if (code === undefined) continue;
    const path = `accounts.${rule.field}`;
    const row = byCode.get(code);
    if (!row || !ctx.state.accounts.has(code))
      errors.add(path, 'account_not_found', `account ${code} does not exist`);
    else if (row.is_group) {
      errors.add(path, 'account_not_postable', `account ${code} is a group; choose one of its accounts`);
    } else if (row.type !== rule.type || row.normal_balance !== rule.balance) {
      errors.add(path, 'account_type_mismatch', `account ${code} is not ${rule.role}`);
    }
  }
  if (accounts.asset !== undefined && accounts.asset === accounts.accumulated_depreciation) {
    errors.add(
      'accounts.accumulated_depreciation',
      'accounts_must_differ',
      'cost and depreciation need two accounts',
    );
  }
}

function checkDimensions(ctx: CommandContext, input: AssetInput, errors: ErrorList): void {
  const dimensions = [
    ['department', input.department],
    ['cost_center', input.cost_center],
  ] as const;
  for (const [dimension, code] of dimensions) {
    if (code !== undefined && !ctx.state.dimensions.has(`${dimension}:${code}`)) {
      errors.add(dimension, 'unknown_dimension_value', `${dimension} "${code}" is not defined`);
    }
  }
}

function checkDates(ctx: CommandContext, input: AssetInput, errors: ErrorList): void {
  if (input.start_date < POSTING_DATE_MIN || input.start_date > POSTING_DATE_MAX) {
    errors.add(
      'start_date',
      'start_date_out_of_range',
      `the start date must lie between ${POSTING_DATE_MIN} and ${POSTING_DATE_MAX}`,
    );
  }
  const acquisition = input.acquisition;
  if (!acquisition) return;
  checkPostingDate(ctx.state, acquisition.date ?? input.start_date, errors, 'acquisition.date');
  const credit = ctx.state.accounts.get(acquisition.credit_account);
  const path = 'acquisition.credit_account';
  if (!credit) errors.add(path, 'account_not_found', `account ${acquisition.credit_account} does not exist`);
  else if (credit.isGroup) errors.add(path, 'account_not_postable', `account ${credit.code} is a group`);
}

function recordOf(ctx: CommandContext, input: AssetInput, accounts: AssetAccounts): AssetRecord {
  const postingDate = input.acquisition?.date ?? input.start_date;
  const assigned = assignNumber(ctx, 'asset', postingDate);
  return {
    number: assigned.documentNumber,
    name: input.name,
    category: input.category,
    postingDate,
    method: input.method,
    cost: input.cost,
    salvage: input.salvage_value,
    lifeYears: input.useful_life_years,
    startDate: input.start_date,
    rate: input.rate ?? null,
    accounts,
    department: input.department ?? null,
    costCenter: input.cost_center ?? null,
    acquisitionJournal: null,
  };
}

function postAcquisition(
  ctx: CommandContext,
  asset: AssetRecord,
  acquisition: NonNullable<AssetInput['acquisition']>,
): PostedJournal {
  const memo = acquisition.memo ?? `Acquisition of ${asset.number} ${asset.name}`;
  const dimensions = {
    ...(asset.department ? { department: asset.department } : {}),
    ...(asset.costCenter ? { cost_center: asset.costCenter } : {}),
  };
  return appendJournal(
    ctx,
    {
      date: asset.postingDate,
      memo,
      reference: asset.number,
      lines: [
        { account: asset.accounts.asset, debit: asset.cost, memo: asset.number, ...dimensions },
        { account: acquisition.credit_account, credit: asset.cost, memo: asset.number },
      ],
    },
    { sourceDocumentType: 'asset', sourceDocumentNumber: asset.number },
  );
}

/** Six decimals, as facts.assets.rate is DECIMAL(7,6); the schema allows no more. */
function rateDecimal(asset: AssetRecord): DuckDBDecimalValue | null {
  if (asset.rate === null) return null;
  return new DuckDBDecimalValue((asset.rate.n * 1_000_000n) / asset.rate.d, 7, 6);
}

function appendAssetRow(ctx: CommandContext, asset: AssetRecord): void {
  ctx.rows.push('assets', {
    seq: ctx.nextSeq(),
    document_type: 'asset',
    document_number: asset.number,
    posting_date: asset.postingDate,
    asset_name: asset.name,
    category: asset.category,
    cost: formatMoney(asset.cost),
    salvage_value: formatMoney(asset.salvage),
    useful_life_years: asset.lifeYears,
    start_date: asset.startDate,
    method: asset.method,
    rate: rateDecimal(asset),
    asset_account: asset.accounts.asset,
    accumulated_depreciation_account: asset.accounts.accumulated_depreciation,
    depreciation_expense_account: asset.accounts.depreciation_expense,
    department: asset.department,
    cost_center: asset.costCenter,
    acquisition_journal_number: asset.acquisitionJournal,
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  });
}
