// The year-end close: its refusals, and the one journal that moves the year's result into retained earnings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, openTestLedger, type TestLedger } from '../../tests/support/ledger.ts';
import { LedgerError } from '../errors.ts';
import { parseOrThrow } from '../validation.ts';
import { periodCommand, postJournalCommand, reverseJournalCommand } from './commands.ts';
import { JournalInput } from './schema.ts';
import { closeFiscalYearCommand } from './year-end.ts';

const actor = { user: 'tester' };

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(async () => {
  await t.dispose();
});

async function post(date: string, lines: unknown[]) {
  const outcome = await t.ledger.submit(
    postJournalCommand(actor, parseOrThrow(JournalInput, { date, lines })),
  );
  return (outcome.body as { number: string }).number;
}

async function closePeriods(year: number, count = 11) {
  for (let month = 1; month <= count; month++) {
    const period = `${year}-${String(month).padStart(2, '0')}`;
    await t.ledger.submit(periodCommand(actor, period, 'close'));
  }
}

const close = (year: number, memo?: string) =>
  t.ledger.submit(closeFiscalYearCommand(actor, year, memo === undefined ? {} : { memo }));

async function refusal(promise: Promise<unknown>): Promise<LedgerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

async function linesOf(number: string) {
  return t.ledger.db.query(
    `select account_code, debit::varchar as debit, credit::varchar as credit, department, project
     from facts.journal_lines where document_number = ? order by line_no`,
    [number],
  );
}

/** Sales 1000 (SAL), rent 300 (ADM) and rent 50 (ADM, project PRJ-001) in 2024: a profit of 650. */
async function postYear2024() {
  await post('2024-02-10', [
    { account: '1130', debit: '1000.00' },
    { account: '4110', credit: '1000.00', department: 'SAL' },
  ]);
  await post('2024-05-31', [
    { account: '6310', debit: '300.00', department: 'ADM' },
    { account: '1130', credit: '300.00' },
  ]);
  await post('2024-12-20', [
    { account: '6310', debit: '50.00', department: 'ADM', project: 'PRJ-001' },
    { account: '1130', credit: '50.00' },
  ]);
}

describe('closing a fiscal year', () => {
  it('refuses while periods before the last are open, listing each one, and writes nothing', async () => {
    await postYear2024();
    await closePeriods(2024, 9);
    const before = await countRows(t.ledger, 'facts.journal_lines');
    const error = await refusal(close(2024));
    expect(error).toMatchObject({ kind: 'rule_violated', code: 'fiscal_year_has_open_periods' });
    expect(error.errors.map((item) => item.message)).toEqual([
      expect.stringContaining('2024-10'),
      expect.stringContaining('2024-11'),
    ]);
    expect(await countRows(t.ledger, 'facts.journal_lines')).toBe(before);
  });

  it('refuses with period_is_closed when the last period, where the entry is dated, is closed too', async () => {
    await postYear2024();
    await closePeriods(2024, 12);
    expect(await refusal(close(2024))).toMatchObject({ code: 'period_is_closed' });
  });

  it('posts one journal on the last day zeroing every result account per dimension into retained earnings', async () => {
    await postYear2024();
    await closePeriods(2024);
    const outcome = await close(2024);
    expect(outcome.status).toBe(201);
    expect(outcome.body).toMatchObject({
      number: 'YEC-2024-000001',
      fiscal_year: 2024,
      status: 'closed',
      date: '2024-12-31',
      net_income: '650.00',
      retained_earnings_account: '3300',
    });
    const number = (outcome.body as { number: string }).number;
    expect(await linesOf(number)).toEqual([
      { account_code: '4110', debit: '1000.00', credit: '0.00', department: 'SAL', project: null },
      { account_code: '6310', debit: '0.00', credit: '300.00', department: 'ADM', project: null },
      { account_code: '6310', debit: '0.00', credit: '50.00', department: 'ADM', project: 'PRJ-001' },
      { account_code: '3300', debit: '0.00', credit: '1000.00', department: 'SAL', project: null },
      { account_code: '3300', debit: '300.00', credit: '0.00', department: 'ADM', project: null },
      { account_code: '3300', debit: '50.00', credit: '0.00', department: 'ADM', project: 'PRJ-001' },
    ]);
    const [left] = await t.ledger.db.query(
      `select count(*)::integer as n from (
         select account_code, department, project from facts.journal_lines
         where account_code in ('4110', '6310') group by all having sum(debit - credit) <> 0)`,
    );
    expect(left?.n).toBe(0);
  });

  it('refuses a second close with 409 fiscal_year_already_closed, and closes again once reversed', async () => {
    await postYear2024();
    await closePeriods(2024);
    const first = ((await close(2024)).body as { number: string }).number;
    expect(await refusal(close(2024))).toMatchObject({
      kind: 'conflict',
      code: 'fiscal_year_already_closed',
    });
    const moved = await refusal(t.ledger.submit(reverseJournalCommand(actor, first, { date: '2025-01-01' })));
    expect(moved).toMatchObject({ code: 'closing_reversal_date_fixed' });
    const reversal = await t.ledger.submit(reverseJournalCommand(actor, first, {}));
    expect(reversal.body).toMatchObject({ number: 'YEC-2024-000002', reverses: first });
    expect((await close(2024, 'closed again')).body).toMatchObject({ number: 'YEC-2024-000003' });
  });

  it('refuses while an earlier year with a result is not closed, and not for earlier years without one', async () => {
    await post('2023-06-30', [
      { account: '1130', debit: '10.00' },
      { account: '3100', credit: '10.00' },
    ]);
    await postYear2024();
    await closePeriods(2024);
    await post('2025-03-01', [
      { account: '6310', debit: '20.00' },
      { account: '1130', credit: '20.00' },
    ]);
    await closePeriods(2025);
    const error = await refusal(close(2025));
    expect(error).toMatchObject({ code: 'previous_year_not_closed' });
    expect(error.errors).toEqual([
      expect.objectContaining({ path: 'year', code: 'previous_year_not_closed' }),
    ]);
    expect(error.message).toContain('2024');
    expect((await close(2024)).status).toBe(201);
    expect((await close(2025)).body).toMatchObject({ status: 'closed', net_income: '-20.00' });
  });

  it('answers nothing_to_close, writing nothing, when the result accounts net to zero', async () => {
    await post('2024-03-01', [
      { account: '1130', debit: '10.00' },
      { account: '3100', credit: '10.00' },
    ]);
    await closePeriods(2024);
    const before = await countRows(t.ledger, 'facts.journal_entries');
    const outcome = await close(2024);
    expect(outcome).toMatchObject({ status: 200, body: { status: 'nothing_to_close', number: null } });
    expect(await countRows(t.ledger, 'facts.journal_entries')).toBe(before);
  });
});
