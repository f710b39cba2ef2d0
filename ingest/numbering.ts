// Gapless document numbers per series and fiscal year (`JV-2025-000001`), assigned inside the posting
// transaction: the counter lives in the writer's state and is rebuilt from committed documents at start,
// so a number is never reused and a crash before commit leaves no gap.
import { LedgerError } from './errors.ts';
import type { CommandContext } from './writer.ts';

export interface AssignedNumber {
  documentNumber: string;
  series: string;
  fiscalYear: number;
  numberInSeries: number;
  seq: bigint;
}

/** Takes the next number of `documentType`'s series and records the document in `facts.documents`. */
export function assignNumber(ctx: CommandContext, documentType: string, postingDate: string): AssignedNumber {
  const info = ctx.state.seriesByType.get(documentType);
  if (!info) {
    throw new LedgerError('internal', 'series_missing', `no number series is defined for ${documentType}`);
  }
  const fiscalYear = ctx.state.calendar.fiscalYearOf(postingDate);
  const key = `${info.series}|${fiscalYear}`;
  const numberInSeries = (ctx.state.lastNumbers.get(key) ?? 0) + 1;
  ctx.changes.set(ctx.state.lastNumbers, key, numberInSeries);
  const documentNumber = `${info.prefix}-${fiscalYear}-${String(numberInSeries).padStart(info.padding, '0')}`;
  const seq = ctx.nextSeq();
  ctx.rows.push('documents', {
    seq,
    document_type: documentType,
    document_number: documentNumber,
    series: info.series,
    fiscal_year: fiscalYear,
    number_in_series: numberInSeries,
    posting_date: postingDate,
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  });
  return { documentNumber, series: info.series, fiscalYear, numberInSeries, seq };
}
