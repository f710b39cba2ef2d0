// The asset-register report over the marts agrees with the register read straight from the facts
// (ingest/assets/read.ts) for every date of an asset's life: registered, depreciating, disposed.
import { describe, expect, it } from 'vitest';
import {
  AssetInput,
  AssetRegisterQuery,
  assetRegister,
  DepreciationRunInput,
  DisposalInput,
  depreciationRunCommand,
  disposeAssetCommand,
  registerAssetCommand,
} from '../ingest/assets/index.ts';
import { openReportLedger } from './test-support.ts';

const actor = { user: 'report-tests' };
const ASSETS = [
  {
    name: 'CNC lathe',
    category: 'machinery',
    cost: '12000.00',
    salvage_value: '1200.00',
    useful_life_years: 5,
    start_date: '2025-01-15',
    method: 'straight_line',
    department: 'PRD',
  },
  {
    name: 'Delivery van',
    category: 'vehicles',
    cost: '30000.00',
    salvage_value: '3000.00',
    useful_life_years: 4,
    start_date: '2025-02-01',
    method: 'double_declining_balance',
    department: 'SAL',
  },
  {
    name: 'Laptop',
    category: 'it_equipment',
    cost: '1800.00',
    salvage_value: '0.00',
    useful_life_years: 1,
    start_date: '2025-01-10',
    method: 'sum_of_years_digits',
  },
];

describe('asset-register report', () => {
  it('equals the register read from the facts, as of every date of the assets’ lives', async () => {
    const ledger = await openReportLedger();
    try {
      const submit = (command: Parameters<typeof ledger.test.ledger.submit>[0]) =>
        ledger.test.ledger.submit(command);
      const numbers: string[] = [];
      for (const asset of ASSETS) {
        const outcome = await submit(
          registerAssetCommand(
            actor,
            AssetInput.parse({ ...asset, acquisition: { credit_account: '2110', date: '2025-01-10' } }),
          ),
        );
        numbers.push(String((outcome.body as { number: string }).number));
      }
      const depreciate = (period: string) =>
        submit(depreciationRunCommand(actor, DepreciationRunInput.parse({ period })));
      for (const period of ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']) await depreciate(period);
      const disposal = { date: '2025-05-20', proceeds: '26000.00', proceeds_account: '1130' };
      await submit(disposeAssetCommand(actor, numbers[1]!, DisposalInput.parse(disposal)));
      // Runs after the disposal leave the disposed van out.
      await depreciate('2025-06');
      await ledger.transform();
      for (const asOf of [
        '2025-01-12',
        '2025-01-31',
        '2025-03-31',
        '2025-05-20',
        '2025-12-31',
        '2026-06-30',
      ]) {
        for (const filter of [{}, { category: 'machinery' }, { department: 'SAL' }]) {
          const query = { as_of: asOf, ...filter };
          const fromFacts = await assetRegister(ledger.test.ledger.db, AssetRegisterQuery.parse(query));
          const report = await ledger.run('asset-register', query);
          expect(report.rows).toEqual(fromFacts.rows);
          const { assets, ...sums } = report.totals ?? {};
          expect(sums).toEqual(fromFacts.totals);
          expect(report.page?.total_rows).toBe(fromFacts.total);
          expect(assets).toBe(fromFacts.total);
        }
      }
      const disposed = await ledger.run('asset-register', { as_of: '2025-12-31', department: 'SAL' });
      expect(disposed.rows).toMatchObject([
        { status: 'disposed', net_book_value: '0.00', disposal_proceeds: '26000.00' },
      ]);
      const page = await ledger.run('asset-register', { as_of: '2025-12-31', limit: '2', offset: '2' });
      expect(page.rows.map((row) => row.number)).toEqual([numbers[2]]);
      expect(page.page).toEqual({ limit: 2, offset: 2, total_rows: 3, next_offset: null });
    } finally {
      await ledger.dispose();
    }
  });
});
