// The fixed-asset module's public face: commands, reads, input schemas and the pure depreciation methods.

export {
  DDB_FACTOR_DEFAULT,
  DEPRECIATION_METHODS,
  type DepreciationMethod,
  db,
  dbPeriods,
  dbRate,
  ddb,
  ddbPeriods,
  roundToCents,
  sln,
  syd,
  USEFUL_LIFE_YEARS_MAX,
  yearlyAmounts,
} from './depreciation.ts';
export { depreciationRunCommand, RUN_ASSETS_MAX } from './depreciation-run.ts';
export { disposeAssetCommand } from './dispose.ts';
export { assetRegister, assetSchedule, getAsset } from './read.ts';
export { CATEGORY_ACCOUNTS, DISPOSAL_GAIN_ACCOUNT, DISPOSAL_LOSS_ACCOUNT } from './records.ts';
export { registerAssetCommand } from './register.ts';
export { type AssetTerms, plannedMonths, plannedYears } from './schedule.ts';
export {
  AssetInput,
  AssetRegisterQuery,
  DepreciationRunInput,
  DisposalInput,
  REGISTER_ROWS_DEFAULT,
  REGISTER_ROWS_MAX,
} from './schema.ts';
