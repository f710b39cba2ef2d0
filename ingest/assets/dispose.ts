// Disposing of a fixed asset (IAS 16.67–72): derecognise its cost and accumulated depreciation, book the
// proceeds, and post the difference as a gain (8010) or a loss (8110), all in one journal.
//
// Choice: no catch-up. Depreciation planned up to and including the disposal month must already be posted
// by the depreciation runs (each month's charge stays in its own period, closed or not), otherwise the
// disposal is refused with `depreciation_not_posted`; runs for later periods then skip the disposed asset.
import { periodOf } from '../dates.ts';
import { conflict, ErrorList, notFound } from '../errors.ts';
import type { Actor } from '../finance/commands.ts';
import { appendJournal, type Journal, type JournalLine } from '../journal.ts';
import { formatMoney } from '../money.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { journalJson } from './answers.ts';
import {
  type AssetRecord,
  DISPOSAL_GAIN_ACCOUNT,
  DISPOSAL_LOSS_ACCOUNT,
  loadAsset,
  type PostedDepreciation,
  postedDepreciation,
} from './records.ts';
import { ASSET_PROCESS } from './register.ts';
import { plannedMonths } from './schedule.ts';
import type { DisposalInput } from './schema.ts';

interface Disposal {
  asset: AssetRecord;
  accumulated: bigint;
  /** proceeds − net book value: above zero a gain, below zero a loss. */
  gainLoss: bigint;
}

export function disposeAssetCommand(actor: Actor, number: string, input: DisposalInput): Command {
  return {
    name: 'asset.dispose',
    ...actor,
    request: { number, ...input },
    // Exclusive: it reads the asset, its postings and earlier disposals from facts.
    exclusive: true,
    async run(ctx): Promise<CommandResult> {
      const asset = await loadAsset(ctx.db, number);
      if (!asset) throw notFound('asset_not_found', `asset ${number} does not exist`, 'number');
      await refuseSecondDisposal(ctx, number);
      const posted = await postedDepreciation(ctx.db, number);
      checkDisposal(ctx, asset, input.date, posted);
      const accumulated = posted.reduce((sum, row) => sum + row.amount, 0n);
      const disposal = { asset, accumulated, gainLoss: input.proceeds + accumulated - asset.cost };
      const journal = appendJournal(ctx, disposalJournal(disposal, input), {
        sourceDocumentType: 'asset',
        sourceDocumentNumber: number,
      });
      appendDisposalRow(ctx, disposal, input, journal.number);
      appendProcessEvent(ctx, {
        process: ASSET_PROCESS,
        caseId: number,
        activity: 'asset_disposed',
        documentType: 'journal',
        documentNumber: journal.number,
        postingDate: input.date,
      });
      const body = {
        id: journal.number,
        number: journal.number,
        asset: number,
        date: input.date,
        cost: formatMoney(asset.cost),
        accumulated_depreciation: formatMoney(accumulated),
        net_book_value: formatMoney(asset.cost - accumulated),
        proceeds: formatMoney(input.proceeds),
        gain_loss: formatMoney(disposal.gainLoss),
        journal: journalJson(journal),
      };
      return { status: 201, body, documentType: 'journal', documentNumber: journal.number };
    },
  };
}

async function refuseSecondDisposal(ctx: CommandContext, number: string): Promise<void> {
  const [earlier] = await ctx.db.query(
    'select document_number, posting_date from facts.asset_disposals where asset_number = ?',
    [number],
  );
  if (earlier) {
    throw conflict(
      'asset_already_disposed',
      `asset ${number} was disposed on ${earlier.posting_date} by ${earlier.document_number}`,
      'number',
    );
  }
}

/** The disposal date must follow the registration, and the postings must match the disposal month. */
function checkDisposal(ctx: CommandContext, asset: AssetRecord, date: string, posted: PostedDepreciation[]) {
  const errors = new ErrorList();
  const month = periodOf(date);
  if (date < asset.postingDate) {
    errors.add(
      'date',
      'disposal_before_registration',
      `${asset.number} entered the books on ${asset.postingDate}`,
    );
  }
  const done = new Set(posted.map((row) => row.period));
  const missing = plannedMonths(asset, ctx.state.calendar.startMonth)
    .filter((row) => row.period <= month && row.amount > 0n && !done.has(row.period))
    .map((row) => row.period);
  if (missing.length > 0) {
    errors.add(
      'date',
      'depreciation_not_posted',
      `run depreciation first for ${missing.length} period(s) from ${missing[0]} to ${missing.at(-1)}`,
    );
  }
  const later = posted.filter((row) => row.period > month).map((row) => row.period);
  if (later.length > 0) {
    errors.add(
      'date',
      'depreciation_posted_after_disposal',
      `depreciation is already posted for ${later.join(', ')}; dispose in or after ${later.at(-1)}`,
    );
  }
  errors.throwIfAny(`asset ${asset.number} cannot be disposed of on ${date}`);
}

/** Dr accumulated depreciation, Dr proceeds, Dr loss / Cr asset cost, Cr gain; zero lines left out. */
function disposalJournal({ asset, accumulated, gainLoss }: Disposal, input: DisposalInput): Journal {
  const dimensions = {
    ...(asset.department ? { department: asset.department } : {}),
    ...(asset.costCenter ? { cost_center: asset.costCenter } : {}),
  };
  const lines: JournalLine[] = [];
  const memo = asset.number;
  if (accumulated > 0n)
    lines.push({ account: asset.accounts.accumulated_depreciation, debit: accumulated, memo });
  if (input.proceeds > 0n) {
    lines.push({ account: input.proceeds_account as string, debit: input.proceeds, memo });
  }
  if (gainLoss < 0n) lines.push({ account: DISPOSAL_LOSS_ACCOUNT, debit: -gainLoss, memo, ...dimensions });
  lines.push({ account: asset.accounts.asset, credit: asset.cost, memo });
  if (gainLoss > 0n) lines.push({ account: DISPOSAL_GAIN_ACCOUNT, credit: gainLoss, memo, ...dimensions });
  return {
    date: input.date,
    memo: input.memo ?? `Disposal of ${asset.number} ${asset.name}`,
    reference: asset.number,
    lines,
  };
}

function appendDisposalRow(ctx: CommandContext, disposal: Disposal, input: DisposalInput, journal: string) {
  ctx.rows.push('assetDisposals', {
    seq: ctx.nextSeq(),
    document_type: 'journal',
    document_number: journal,
    posting_date: input.date,
    asset_number: disposal.asset.number,
    cost: formatMoney(disposal.asset.cost),
    accumulated_depreciation: formatMoney(disposal.accumulated),
    proceeds: formatMoney(input.proceeds),
    proceeds_account: input.proceeds_account ?? null,
    gain_loss: formatMoney(disposal.gainLoss),
    memo: input.memo ?? null,
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  });
}
