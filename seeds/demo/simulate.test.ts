// The demo-company simulator against a real ledger: repeatable, balanced, solvent, stocked, seasonal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initLedger, Ledger } from '../../ingest/index.ts';
import { DEMO_COMPANY, lastFullYear, type SimulationResult, simulateCompany } from './index.ts';

const YEAR = lastFullYear();
const SIMULATION_TIMEOUT_MS = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'ledgerline-demo-'));
const opened: Ledger[] = [];

async function simulatedLedger(name: string, seed: number): Promise<[Ledger, SimulationResult]> {
  const path = join(dir, `${name}.duckdb`);
  await initLedger({ path, company: DEMO_COMPANY });
  const ledger = await Ledger.open(path);
  opened.push(ledger);
  const result = await simulateCompany(ledger, { scale: 'small', seed, year: YEAR });
  return [ledger, result];
}

/** An order-independent fingerprint of every journal line. */
async function checksum(ledger: Ledger) {
  const [row] = await ledger.db.query(`
    select count(*) as line_count, sum(debit) as debit, sum(credit) as credit,
           md5(string_agg(line, ',' order by line)) as digest
    from (select document_number || '|' || account_code || '|' || debit || '|' || credit as line, debit, credit
          from facts.journal_lines)`);
  return row;
}

let ledger: Ledger;
let result: SimulationResult;

beforeAll(async () => {
  [ledger, result] = await simulatedLedger('seed-42', 42);
}, SIMULATION_TIMEOUT_MS);

afterAll(async () => {
  for (const each of opened) await each.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo-company simulator', () => {
  it('posts about three thousand journals in a year at the small scale', async () => {
    expect(result.journals).toBeGreaterThan(2_500);
    expect(result.journals).toBeLessThan(3_500);
    const [row] = await ledger.db.query(
      'select count(*) as n, min(posting_date) as first, max(posting_date) as last from facts.journal_entries',
    );
    expect(Number(row?.n)).toBe(result.journals);
    expect(String(row?.first) >= `${YEAR}-01-01` && String(row?.last) <= `${YEAR}-12-31`).toBe(true);
  });

  it(
    'gives an identical ledger for the same seed and a different one for another seed',
    async () => {
      const [again] = await simulatedLedger('seed-42-again', 42);
      const [other] = await simulatedLedger('seed-7', 7);
      const first = await checksum(ledger);
      expect(await checksum(again)).toEqual(first);
      expect((await checksum(other))?.digest).not.toBe(first?.digest);
    },
    SIMULATION_TIMEOUT_MS,
  );

  it('balances every journal, and total debits equal total credits', async () => {
    const unbalanced = await ledger.db.query(
      'select document_number from facts.journal_lines group by 1 having sum(debit) <> sum(credit)',
    );
    expect(unbalanced).toEqual([]);
    const [totals] = await ledger.db.query(
      'select sum(debit) as debit, sum(credit) as credit from facts.journal_lines',
    );
    expect(totals?.debit).toBe(totals?.credit);
  });

  it('never ends a month with a negative bank balance at the small scale', async () => {
    const negative = await ledger.db.query(`
      with monthly as (
          select date_trunc('month', posting_date) as month, sum(debit - credit) as movement
          from facts.journal_lines where account_code = '1130' group by 1
      )
      select month, sum(movement) over (order by month) as balance from monthly
      qualify balance < 0`);
    expect(negative).toEqual([]);
  });

  it('never lets an inventory account go negative on any day', async () => {
    const negative = await ledger.db.query(`
      with daily as (
          select account_code, posting_date, sum(debit - credit) as movement
          from facts.journal_lines where account_code in ('1310', '1330', '1340') group by 1, 2
      )
      select account_code, posting_date,
             sum(movement) over (partition by account_code order by posting_date) as balance
      from daily qualify balance < 0`);
    expect(negative).toEqual([]);
  });

  it('sells more in the fourth quarter than in the first', async () => {
    const rows = await ledger.db.query(`
      select quarter(posting_date) as quarter, sum(credit - debit) as revenue
      from facts.journal_lines where account_code in ('4110', '4120') group by 1 order by 1`);
    const revenue = new Map(rows.map((row) => [Number(row.quarter), Number(row.revenue)]));
    expect(revenue.get(4)).toBeGreaterThan((revenue.get(1) ?? 0) * 1.2);
  });

  it('tags receivables and payables with customer and supplier party codes', async () => {
    const rows = await ledger.db.query(`
      select account_code, count(*) filter (where party is null) as untagged,
             count(*) filter (where party not similar to '(CUST|SUPP)-[0-9]{4}') as malformed
      from facts.journal_lines where account_code in ('1210', '2110') group by 1`);
    for (const row of rows) expect([row.untagged, row.malformed]).toEqual(['0', '0']);
  });

  it(
    'replays rather than duplicates when the same simulation runs again on the same ledger',
    async () => {
      const before = await checksum(ledger);
      await simulateCompany(ledger, { scale: 'small', seed: 42, year: YEAR });
      expect(await checksum(ledger)).toEqual(before);
    },
    SIMULATION_TIMEOUT_MS,
  );
});
