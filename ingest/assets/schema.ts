// Input shapes of the fixed-asset commands and reads: register, dispose, depreciation run, register query.
import { z } from 'zod';
import { Code, IsoDate, Money, Period, Text } from '../validation.ts';
import { DEPRECIATION_METHODS, USEFUL_LIFE_YEARS_MAX } from './depreciation.ts';
import { parseDecimal, RATE_DECIMALS_MAX, type Rational } from './rational.ts';

/** Characters in an asset's name at most. */
export const ASSET_NAME_CHARS_MAX = 120;
/** Rows in one page of the asset register at most, and by default. */
export const REGISTER_ROWS_MAX = 5_000;
export const REGISTER_ROWS_DEFAULT = 500;

export const DepreciationMethod = z.enum(DEPRECIATION_METHODS);

/** A fixed declining-balance rate as a decimal (`"0.25"` or 0.25), 0 < rate < 1, at most six decimals. */
export const Rate = z.union([z.string().max(20), z.number()]).transform((value, ctx): Rational => {
  const text = typeof value === 'number' ? String(value) : value;
  const rate = parseDecimal(text);
  if (!rate || rate.n <= 0n || rate.n >= rate.d) {
    ctx.addIssue({
      code: 'custom',
      message: `a rate is a decimal between 0 and 1 (exclusive) with at most ${RATE_DECIMALS_MAX} decimals`,
      params: { code: 'invalid_rate' },
    });
    return z.NEVER;
  }
  return rate;
});

export const AssetAccountsInput = z.strictObject({
  asset: Code.optional(),
  accumulated_depreciation: Code.optional(),
  depreciation_expense: Code.optional(),
});

export const AcquisitionInput = z.strictObject({
  /** Credited for the cost: the bank (1130) for a cash purchase, trade payables (2110) on credit. */
  credit_account: Code,
  /** Posting date of the acquisition journal; defaults to `start_date`. */
  date: IsoDate.optional(),
  memo: Text.optional(),
});

export const AssetInput = z
  .strictObject({
    name: z.string().trim().min(1).max(ASSET_NAME_CHARS_MAX),
    category: Code,
    cost: Money,
    salvage_value: Money.default(0n),
    useful_life_years: z.number().int().min(1).max(USEFUL_LIFE_YEARS_MAX),
    start_date: IsoDate,
    method: DepreciationMethod,
    rate: Rate.optional(),
    /** Any account left out comes from the category's defaults (see CATEGORY_ACCOUNTS). */
    accounts: AssetAccountsInput.default({}),
    department: Code.optional(),
    cost_center: Code.optional(),
    acquisition: AcquisitionInput.optional(),
  })
  .superRefine((asset, ctx) => {
    const rule = (path: string, code: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message, params: { code } });
    if (asset.cost <= 0n) rule('cost', 'cost_must_be_positive', 'an asset costs more than zero');
    if (asset.salvage_value < 0n)
      rule('salvage_value', 'salvage_must_not_be_negative', 'salvage is zero or more');
    if (asset.salvage_value > asset.cost) {
      rule('salvage_value', 'salvage_exceeds_cost', 'the salvage value cannot exceed the cost');
    }
    if (asset.rate !== undefined && asset.method !== 'declining_balance') {
      rule('rate', 'rate_only_for_declining_balance', 'a fixed rate applies to declining_balance only');
    }
    const acquired = asset.acquisition?.date;
    if (acquired !== undefined && asset.start_date < acquired) {
      rule('start_date', 'start_before_acquisition', 'depreciation cannot start before the acquisition');
    }
  });
export type AssetInput = z.output<typeof AssetInput>;

export const DisposalInput = z
  .strictObject({
    date: IsoDate,
    proceeds: Money.default(0n),
    /** Debited with the proceeds (bank, receivables); needed when proceeds are above zero. */
    proceeds_account: Code.optional(),
    memo: Text.optional(),
  })
  .superRefine((disposal, ctx) => {
    if (disposal.proceeds < 0n) {
      ctx.addIssue({
        code: 'custom',
        path: ['proceeds'],
        message: 'proceeds are zero or more',
        params: { code: 'proceeds_must_not_be_negative' },
      });
    }
    if (disposal.proceeds > 0n && disposal.proceeds_account === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['proceeds_account'],
        message: 'name the account that receives the proceeds',
        params: { code: 'proceeds_account_required' },
      });
    }
  });
export type DisposalInput = z.output<typeof DisposalInput>;

export const DepreciationRunInput = z.strictObject({ period: Period });
export type DepreciationRunInput = z.output<typeof DepreciationRunInput>;

export const AssetRegisterQuery = z.strictObject({
  as_of: IsoDate,
  category: Code.optional(),
  department: Code.optional(),
  limit: z.coerce.number().int().min(1).max(REGISTER_ROWS_MAX).default(REGISTER_ROWS_DEFAULT),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AssetRegisterQuery = z.output<typeof AssetRegisterQuery>;
