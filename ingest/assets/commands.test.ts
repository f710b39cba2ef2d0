// Fixed assets through the write path: registration, depreciation runs, disposal, their refusals, and reads.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, openTestLedger, type TestLedger } from '../../tests/support/ledger.ts';
import { LedgerError } from '../errors.ts';
import { periodCommand } from '../finance/commands.ts';
import { formatMoney } from '../money.ts';
import { parseOrThrow } from '../validation.ts';
import { depreciationRunCommand } from './depreciation-run.ts';
import { disposeAssetCommand } from './dispose.ts';
import { assetRegister, assetSchedule, getAsset } from './read.ts';
import { loadAsset } from './records.ts';
import { registerAssetCommand } from './register.ts';
import { plannedAmountFor } from './schedule.ts';
import { AssetInput, AssetRegisterQuery, DisposalInput } from './schema.ts';

const actor = { user: 'tester' };
/** SLN (12000 − 1200) / 5 = 2160 a year = 180.00 a month from January 2025. */
const LATHE = {
  name: 'CNC lathe',
  category: 'machinery',
  cost: '12000.00',
  salvage_value: '1200.00',
  useful_life_years: 5,
  start_date: '2025-01-15',
  method: 'straight_line',
  department: 'PRD',
  cost_center: 'CC-500',
  acquisition: { credit_account: '2110', date: '2025-01-10' },
};
/** SLN 1000 / 3 = 333.33 in year one = 27.78 for nine months, then 27.77, from February 2025. */
const LAPTOPS = {
  name: 'Laptops',
  category: 'it_equipment',
  cost: '1000.00',
  useful_life_years: 3,
  start_date: '2025-02-01',
  method: 'straight_line',
  department: 'IT',
};

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(async () => {
  await t.dispose();
});

async function refusal(promise: Promise<unknown>): Promise<LedgerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

function register(raw: unknown) {
  return t.ledger.submit(registerAssetCommand(actor, parseOrThrow(AssetInput, raw)));
}

function run(period: string, idempotencyKey?: string) {
  return t.ledger.submit(depreciationRunCommand({ ...actor, idempotencyKey }, { period }));
}

function dispose(number: string, raw: unknown) {
  return t.ledger.submit(disposeAssetCommand(actor, number, parseOrThrow(DisposalInput, raw)));
}

async function lines(number: string) {
  return t.ledger.db.query(
    `select account_code, debit, credit, department, cost_center from facts.journal_lines
     where document_number = ? order by line_no`,
    [number],
  );
}

async function balance(account: string): Promise<string> {
  const [row] = await t.ledger.db.query(
    'select coalesce(sum(debit - credit), 0)::decimal(18, 2) as balance from facts.journal_lines where account_code = ?',
    [account],
  );
  return String(row?.balance);
}

/** Counts of every table a refused command could have written. */
async function footprint() {
  const tables = [
    'facts.assets',
    'facts.asset_depreciation',
    'facts.asset_disposals',
    'facts.journal_entries',
  ];
  return Promise.all(tables.map((table) => countRows(t.ledger, table)));
}

describe('registering an asset', () => {
  it('numbers it from the asset series and posts the acquisition as one balanced journal', async () => {
    const outcome = await register(LATHE);
    expect(outcome.status).toBe(201);
    expect(outcome.body).toMatchObject({
      number: 'FA-2025-000001',
      asset: { cost: '12000.00', salvage_value: '1200.00', accounts: { asset: '1530' }, rate: null },
      journal: { number: 'JV-2025-000001', total: '12000.00', line_count: 2 },
    });
    expect(await lines('JV-2025-000001')).toEqual([
      { account_code: '1530', debit: '12000.00', credit: '0.00', department: 'PRD', cost_center: 'CC-500' },
      { account_code: '2110', debit: '0.00', credit: '12000.00', department: null, cost_center: null },
    ]);
    const [entry] = await t.ledger.db.query('select * from facts.journal_entries');
    expect(entry).toMatchObject({ source_document_type: 'asset', source_document_number: 'FA-2025-000001' });
    const [row] = await t.ledger.db.query('select * from facts.assets');
    expect(row).toMatchObject({
      document_number: 'FA-2025-000001',
      posting_date: '2025-01-10',
      accumulated_depreciation_account: '1535',
      acquisition_journal_number: 'JV-2025-000001',
    });
    const events = await t.ledger.db.query(
      "select activity from facts.process_events where case_id = 'FA-2025-000001'",
    );
    expect(events).toEqual([{ activity: 'asset_registered' }]);
  });

  it("keeps a fixed declining rate exactly, and shows DB's own rate when none is given", async () => {
    const base = { ...LAPTOPS, method: 'declining_balance', salvage_value: '100.00' };
    await register({ ...base, rate: '0.333333' });
    await register(base);
    expect(await getAsset(t.ledger.db, 'FA-2025-000001')).toMatchObject({
      rate: '0.333333',
      is_rate_fixed: true,
    });
    // 1 − (100/1000)^(1/3) = 0.535841… → 0.536
    expect(await getAsset(t.ledger.db, 'FA-2025-000002')).toMatchObject({
      rate: '0.536',
      is_rate_fixed: false,
    });
    expect((await loadAsset(t.ledger.db, 'FA-2025-000001'))?.rate).toEqual({ n: 333333n, d: 1000000n });
  });

  it('refuses inconsistent terms at the schema', () => {
    const codes = (raw: unknown) => {
      try {
        parseOrThrow(AssetInput, raw);
      } catch (error) {
        return (error as LedgerError).errors.map((item) => `${item.path}:${item.code}`);
      }
      return [];
    };
    expect(codes({ ...LATHE, salvage_value: '12000.01' })).toEqual(['salvage_value:salvage_exceeds_cost']);
    expect(codes({ ...LATHE, rate: '0.2' })).toEqual(['rate:rate_only_for_declining_balance']);
    expect(codes({ ...LATHE, start_date: '2025-02-30' })).toEqual(['start_date:invalid_date']);
    expect(codes({ ...LATHE, start_date: '2025-01-09' })).toEqual(['start_date:start_before_acquisition']);
    expect(codes({ ...LATHE, useful_life_years: 101 })).toEqual(['useful_life_years:too_big']);
    expect(codes({ ...LATHE, method: 'declining_balance', rate: '1.5' })).toEqual(['rate:invalid_rate']);
    expect(codes({ ...LATHE, cost: '0', salvage_value: '0' })).toEqual(['cost:cost_must_be_positive']);
  });

  it.each([
    [{ accounts: { asset: '1500' } }, 'accounts.asset:account_not_postable'],
    [{ accounts: { asset: '9999' } }, 'accounts.asset:account_not_found'],
    [{ accounts: { asset: '7100' } }, 'accounts.asset:account_type_mismatch'],
    [
      { accounts: { accumulated_depreciation: '1540' } },
      'accounts.accumulated_depreciation:account_type_mismatch',
    ],
    [{ accounts: { depreciation_expense: '1130' } }, 'accounts.depreciation_expense:account_type_mismatch'],
    [{ category: 'art' }, 'accounts.asset:account_required'],
    [{ department: 'NOPE' }, 'department:unknown_dimension_value'],
    [{ start_date: '1999-12-01', acquisition: undefined }, 'start_date:start_date_out_of_range'],
    [{ acquisition: { credit_account: '2100' } }, 'acquisition.credit_account:account_not_postable'],
  ])('refuses %o with a named rule and writes nothing', async (change, expected) => {
    const error = await refusal(register({ ...LATHE, ...change }));
    expect(error.errors.map((item) => `${item.path}:${item.code}`)).toContain(expected);
    expect(await footprint()).toEqual([0, 0, 0, 0]);
    expect(t.ledger.state.lastNumbers.size).toBe(0);
  });

  it('refuses an acquisition dated in a closed period', async () => {
    await t.ledger.submit(periodCommand(actor, '2025-01', 'close'));
    const error = await refusal(register(LATHE));
    expect(error.code).toBe('period_is_closed');
    expect(error.errors[0]?.path).toBe('acquisition.date');
    expect(await footprint()).toEqual([0, 0, 0, 0]);
  });
});

describe('the depreciation run', () => {
  beforeEach(async () => {
    await register(LATHE);
    await register(LAPTOPS);
  });

  it('posts one journal a period with the planned amount of every active asset, and the books balance', async () => {
    const january = await run('2025-01');
    expect(january.body).toMatchObject({
      number: 'DEP-2025-000001',
      status: 'posted',
      total: '180.00',
      asset_count: 1,
    });
    await run('2025-02');
    const march = await run('2025-03');
    expect(march.body).toMatchObject({
      number: 'DEP-2025-000003',
      total: '207.78',
      assets: [
        { asset: 'FA-2025-000001', amount: '180.00' },
        { asset: 'FA-2025-000002', amount: '27.78' },
      ],
      journal: { date: '2025-03-31', line_count: 4 },
    });
    expect(await lines('DEP-2025-000003')).toEqual([
      { account_code: '7100', debit: '180.00', credit: '0.00', department: 'PRD', cost_center: 'CC-500' },
      { account_code: '1535', debit: '0.00', credit: '180.00', department: null, cost_center: null },
      { account_code: '7100', debit: '27.78', credit: '0.00', department: 'IT', cost_center: null },
      { account_code: '1565', debit: '0.00', credit: '27.78', department: null, cost_center: null },
    ]);
    const posted = await t.ledger.db.query(
      'select asset_number, period, amount, document_number from facts.asset_depreciation order by seq',
    );
    for (const row of posted) {
      const asset = await loadAsset(t.ledger.db, String(row.asset_number));
      if (!asset) throw new Error('asset missing');
      expect(row.amount).toBe(formatMoney(plannedAmountFor(asset, 1, String(row.period))));
    }
    expect(posted).toHaveLength(5);
    const [totals] = await t.ledger.db.query(
      'select sum(debit)::varchar as debit, sum(credit)::varchar as credit from facts.journal_lines',
    );
    expect(totals?.debit).toBe(totals?.credit);
    expect(await balance('1535')).toBe('-540.00');
    expect(await balance('1565')).toBe('-55.56');
    expect(await balance('7100')).toBe('595.56');
  });

  it('is idempotent per asset and period: a second run posts nothing and says so, also after a restart', async () => {
    await run('2025-03');
    const before = await footprint();
    const again = await run('2025-03');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'nothing_to_post', earlier_runs: ['DEP-2025-000001'] });
    expect(await footprint()).toEqual(before);
    await t.ledger.close();
    const { Ledger } = await import('../ledger.ts');
    t.ledger = await Ledger.open(t.path);
    expect((await run('2025-03')).body).toMatchObject({ status: 'nothing_to_post' });
    expect(await footprint()).toEqual(before);
  });

  it('posts only the assets a later registration added to an already-run period', async () => {
    await run('2025-03');
    await register({
      ...LAPTOPS,
      name: 'Monitors',
      start_date: '2025-03-31',
      cost: '120.00',
      useful_life_years: 1,
    });
    const second = await run('2025-03');
    expect(second.body).toMatchObject({
      asset_count: 1,
      assets: [{ asset: 'FA-2025-000003', amount: '10.00' }],
    });
  });

  it('replays an Idempotency-Key with the first answer', async () => {
    const first = await run('2025-02', 'run-key');
    const replay = await run('2025-02', 'run-key');
    expect(replay.replayed).toBe(true);
    expect(replay.body).toEqual(first.body);
  });

  it('refuses a closed period and writes nothing', async () => {
    await t.ledger.submit(periodCommand(actor, '2025-04', 'close'));
    const before = await footprint();
    const error = await refusal(run('2025-04'));
    expect(error.code).toBe('period_is_closed');
    expect(error.errors[0]?.path).toBe('period');
    expect(await footprint()).toEqual(before);
  });

  it('has nothing to post before any asset starts', async () => {
    expect((await run('2024-12')).body).toMatchObject({ status: 'nothing_to_post', earlier_runs: [] });
  });
});

describe('disposing of an asset', () => {
  beforeEach(async () => {
    await register(LATHE);
    for (const period of ['2025-01', '2025-02', '2025-03']) await run(period);
  });

  it('posts a gain: Dr accumulated depreciation, Dr proceeds / Cr cost, Cr gain', async () => {
    // net book value 12000 − 540 = 11460; proceeds 12000 → gain 540
    const outcome = await dispose('FA-2025-000001', {
      date: '2025-03-20',
      proceeds: '12000',
      proceeds_account: '1130',
    });
    expect(outcome.body).toMatchObject({
      number: 'JV-2025-000002',
      accumulated_depreciation: '540.00',
      net_book_value: '11460.00',
      gain_loss: '540.00',
    });
    expect(await lines('JV-2025-000002')).toEqual([
      { account_code: '1535', debit: '540.00', credit: '0.00', department: null, cost_center: null },
      { account_code: '1130', debit: '12000.00', credit: '0.00', department: null, cost_center: null },
      { account_code: '1530', debit: '0.00', credit: '12000.00', department: null, cost_center: null },
      { account_code: '8010', debit: '0.00', credit: '540.00', department: 'PRD', cost_center: 'CC-500' },
    ]);
    expect(await balance('1530')).toBe('0.00');
    expect(await balance('1535')).toBe('0.00');
  });

  it('posts a loss: Dr accumulated depreciation, Dr proceeds, Dr loss / Cr cost', async () => {
    // net book value 11460; proceeds 10000 → loss 1460
    const outcome = await dispose('FA-2025-000001', {
      date: '2025-03-31',
      proceeds: '10000',
      proceeds_account: '1130',
    });
    expect(outcome.body).toMatchObject({ gain_loss: '-1460.00' });
    expect(await lines('JV-2025-000002')).toEqual([
      { account_code: '1535', debit: '540.00', credit: '0.00', department: null, cost_center: null },
      { account_code: '1130', debit: '10000.00', credit: '0.00', department: null, cost_center: null },
      { account_code: '8110', debit: '1460.00', credit: '0.00', department: 'PRD', cost_center: 'CC-500' },
      { account_code: '1530', debit: '0.00', credit: '12000.00', department: null, cost_center: null },
    ]);
    const [row] = await t.ledger.db.query('select * from facts.asset_disposals');
    expect(row).toMatchObject({
      asset_number: 'FA-2025-000001',
      gain_loss: '-1460.00',
      proceeds: '10000.00',
    });
  });

  it('leaves a disposed asset out of later runs', async () => {
    await dispose('FA-2025-000001', { date: '2025-03-31' });
    expect((await run('2025-04')).body).toMatchObject({ status: 'nothing_to_post' });
  });

  it.each([
    ['FA-2030-000001', { date: '2025-03-31' }, 'asset_not_found'],
    ['FA-2025-000001', { date: '2025-04-02' }, 'depreciation_not_posted'],
    ['FA-2025-000001', { date: '2025-02-28' }, 'depreciation_posted_after_disposal'],
    ['FA-2025-000001', { date: '2025-01-09' }, 'disposal_before_registration'],
  ])('refuses %s on %o with %s and writes nothing', async (number, raw, code) => {
    const before = await footprint();
    const error = await refusal(dispose(number, raw));
    expect(error.errors.map((item) => item.code)).toContain(code);
    expect(await footprint()).toEqual(before);
  });

  it('refuses a second disposal with asset_already_disposed and writes nothing', async () => {
    await dispose('FA-2025-000001', { date: '2025-03-31' });
    const before = await footprint();
    const error = await refusal(dispose('FA-2025-000001', { date: '2025-03-31' }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'asset_already_disposed' });
    expect(await footprint()).toEqual(before);
  });

  it('refuses a disposal dated in a closed period', async () => {
    await t.ledger.submit(periodCommand(actor, '2025-03', 'close'));
    const before = await footprint();
    expect((await refusal(dispose('FA-2025-000001', { date: '2025-03-31' }))).code).toBe('period_is_closed');
    expect(await footprint()).toEqual(before);
  });

  it('requires a proceeds account when there are proceeds', () => {
    expect(() => parseOrThrow(DisposalInput, { date: '2025-03-31', proceeds: '5' })).toThrow(LedgerError);
  });
});

describe('reading assets', () => {
  beforeEach(async () => {
    await register(LATHE);
    await register(LAPTOPS);
    for (const period of ['2025-01', '2025-02', '2025-03']) await run(period);
  });

  it('lists the register as of a date with cost, depreciation posted by then and net book value', async () => {
    const query = (as_of: string) => parseOrThrow(AssetRegisterQuery, { as_of });
    const february = await assetRegister(t.ledger.db, query('2025-02-28'));
    expect(february.rows[0]).toMatchObject({
      number: 'FA-2025-000001',
      cost: '12000.00',
      accumulated_depreciation: '360.00',
      net_book_value: '11640.00',
      status: 'in_use',
    });
    await dispose('FA-2025-000001', { date: '2025-03-31', proceeds: '11000', proceeds_account: '1130' });
    const march = await assetRegister(t.ledger.db, query('2025-03-31'));
    expect(
      march.rows.map((row) => [row.number, row.accumulated_depreciation, row.net_book_value, row.status]),
    ).toEqual([
      ['FA-2025-000001', '540.00', '0.00', 'disposed'],
      ['FA-2025-000002', '55.56', '944.44', 'in_use'],
    ]);
    expect(march.totals).toEqual({
      assets_on_books: 1,
      cost: '1000.00',
      accumulated_depreciation: '55.56',
      net_book_value: '944.44',
    });
    const before = await assetRegister(t.ledger.db, query('2025-01-09'));
    expect(before.total).toBe(0);
  });

  it('shows the planned schedule per month with the posted amounts and journals beside it', async () => {
    const schedule = await assetSchedule(t.ledger.db, 'FA-2025-000002');
    expect(schedule.periods).toHaveLength(36);
    expect(schedule.periods.slice(0, 3)).toEqual([
      expect.objectContaining({
        period: '2025-02',
        planned: '27.78',
        posted: '27.78',
        journal: 'DEP-2025-000002',
      }),
      expect.objectContaining({
        period: '2025-03',
        planned: '27.78',
        posted: '27.78',
        journal: 'DEP-2025-000003',
      }),
      expect.objectContaining({ period: '2025-04', planned: '27.78', posted: null, journal: null }),
    ]);
    expect(schedule.periods[9]).toMatchObject({ period: '2025-11', planned: '27.77' });
    expect(schedule.years.map((year) => year.amount)).toEqual(['333.33', '333.33', '333.34']);
    expect(schedule.totals).toEqual({ planned: '1000.00', posted: '55.56' });
    await expect(assetSchedule(t.ledger.db, 'FA-2099-000001')).rejects.toMatchObject({
      code: 'asset_not_found',
    });
  });
});
