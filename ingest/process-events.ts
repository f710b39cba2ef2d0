// Process events: every posting of every module appends one, so bottleneck analysis has data from day one.
import type { CommandContext } from './writer.ts';

export interface ProcessEvent {
  process: string;
  caseId: string;
  activity: string;
  documentType: string;
  documentNumber: string;
  postingDate: string;
  /** When it happened in the business; defaults to the moment it was recorded. */
  eventAt?: Date;
}

export function appendProcessEvent(ctx: CommandContext, event: ProcessEvent): void {
  ctx.rows.push('processEvents', {
    seq: ctx.nextSeq(),
    process: event.process,
    case_id: event.caseId,
    activity: event.activity,
    event_at: event.eventAt ? event.eventAt.toISOString() : ctx.recordedAt,
    actor: ctx.user,
    document_type: event.documentType,
    document_number: event.documentNumber,
    posting_date: event.postingDate,
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  });
}
