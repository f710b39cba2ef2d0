// The depreciation run of one `YYYY-MM` period: one journal (series 'depreciation-run', DEP-…) with two
// lines per asset still owing that period's planned amount, and one facts.asset_depreciation row per asset.
// Idempotent per (asset, period): what an earlier run posted is never posted again.
import { lastDayOfPeriod } from '../dates.ts';
import { ErrorList, LedgerError } from '../errors.ts';
import type { Actor } from '../finance/commands.ts';
import { appendJournal, type Journal, type JournalLine, type PostedJournal } from '../journal.ts';
import { formatMoney } from '../money.ts';
import { checkPostingDate } from '../periods.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { journalJson } from './answers.ts';
import { ASSET_COLUMNS, type AssetRecord, assetFromRow } from './records.ts';
import { ASSET_PROCESS } from './register.ts';
import { plannedAmountFor } from './schedule.ts';
import type { DepreciationRunInput } from './schema.ts';

/** Assets in one run's journal at most (two lines each), so a run stays one reasonable transaction. */
export const RUN_ASSETS_MAX = 25_000;
export const DEPRECIATION_RUN_TYPE = 'depreciation-run';

interface Due {
  asset: AssetRecord;
  amount: bigint;
}

export function depreciationRunCommand(actor: Actor, input: DepreciationRunInput): Command {
  return {
    name: 'asset.depreciation_run',
    ...actor,
    request: input,
    // Exclusive: it reads facts (assets, earlier runs, disposals), so every earlier command must be committed.
    exclusive: true,
    async run(ctx): Promise<CommandResult> {
      const { period } = input;
      const errors = new ErrorList();
      checkPostingDate(ctx.state, lastDayOfPeriod(period), errors, 'period');
      errors.throwIfAny(`depreciation for ${period} cannot be posted`);
      const due = await dueDepreciation(ctx, period);
      if (due.length === 0) return nothingToPost(ctx, period);
      if (due.length > RUN_ASSETS_MAX) {
        throw new LedgerError('too_large', 'run_too_large', `a run posts at most ${RUN_ASSETS_MAX} assets`);
      }
      const posted = appendJournal(ctx, runJournal(period, due), { documentType: DEPRECIATION_RUN_TYPE });
      appendDepreciationRows(ctx, posted, period, due);
      const total = due.reduce((sum, item) => sum + item.amount, 0n);
      const body = {
        id: posted.number,
        number: posted.number,
        period,
        status: 'posted',
        asset_count: due.length,
        total: formatMoney(total),
        assets: due.map((item) => ({ asset: item.asset.number, amount: formatMoney(item.amount) })),
        journal: journalJson(posted),
      };
      return { status: 201, body, documentType: DEPRECIATION_RUN_TYPE, documentNumber: posted.number };
    },
  };
}

/** Active assets (started by the period's end, not disposed before it) with no posting yet for the
 * period, and their planned amount; assets whose plan has nothing for the period drop out. */
async function dueDepreciation(ctx: CommandContext, period: string): Promise<Due[]> {
  const rows = await ctx.db.query(
    `select ${ASSET_COLUMNS} from facts.assets a
     where a.start_date <= $end::date
       and not exists (select 1 from facts.asset_disposals d
                       where d.asset_number = a.document_number and d.posting_date < $start::date)
       and not exists (select 1 from facts.asset_depreciation p
                       where p.asset_number = a.document_number and p.period = $period)
     order by a.seq`,
    { start: `${period}-01`, end: lastDayOfPeriod(period), period },
  );
  const fiscalYearStartMonth = ctx.state.calendar.startMonth;
  return rows
    .map(assetFromRow)
    .map((asset) => ({ asset, amount: plannedAmountFor(asset, fiscalYearStartMonth, period) }))
    .filter((item) => item.amount > 0n);
}

async function nothingToPost(ctx: CommandContext, period: string): Promise<CommandResult> {
  const earlier = await ctx.db.query(
    'select distinct document_number from facts.asset_depreciation where period = ? order by 1',
    [period],
  );
  const runs = earlier.map((row) => String(row.document_number));
  const body = {
    id: null,
    number: null,
    period,
    status: 'nothing_to_post',
    asset_count: 0,
    total: '0.00',
    earlier_runs: runs,
    message:
      runs.length > 0
        ? `depreciation for ${period} is already posted (${runs.join(', ')}); nothing is owed`
        : `no active asset has depreciation planned for ${period}`,
  };
  return { status: 200, body };
}

/** Dr depreciation expense (with the asset's department and cost centre) / Cr accumulated depreciation. */
function runJournal(period: string, due: Due[]): Journal {
  const lines: JournalLine[] = due.flatMap(({ asset, amount }) => [
    {
      account: asset.accounts.depreciation_expense,
      debit: amount,
      memo: `${asset.number} ${asset.name}`,
      ...(asset.department ? { department: asset.department } : {}),
      ...(asset.costCenter ? { cost_center: asset.costCenter } : {}),
    },
    { account: asset.accounts.accumulated_depreciation, credit: amount, memo: asset.number },
  ]);
  return { date: lastDayOfPeriod(period), memo: `Depreciation ${period}`, reference: period, lines };
}

function appendDepreciationRows(
  ctx: CommandContext,
  posted: PostedJournal,
  period: string,
  due: Due[],
): void {
  due.forEach(({ asset, amount }, index) => {
    ctx.rows.push('assetDepreciation', {
      seq: ctx.nextSeq(),
      document_type: DEPRECIATION_RUN_TYPE,
      document_number: posted.number,
      line_no: 2 * index + 1,
      posting_date: posted.date,
      asset_number: asset.number,
      period,
      amount: formatMoney(amount),
      recorded_at: ctx.recordedAt,
      user_name: ctx.user,
      idempotency_key: ctx.idempotencyKey,
    });
    appendProcessEvent(ctx, {
      process: ASSET_PROCESS,
      caseId: asset.number,
      activity: 'depreciation_posted',
      documentType: DEPRECIATION_RUN_TYPE,
      documentNumber: posted.number,
      postingDate: posted.date,
    });
  });
}
