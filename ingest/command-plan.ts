// Planning one command inside a group: a repeat of an Idempotency-Key answers as the first time did; any
// other command runs against the state (its changes and rows joining the group's) and its answer is
// recorded in the audit log, which a later replay reads back.
import { randomUUID } from 'node:crypto';
import type { Command, Outcome } from './command.ts';
import { commandContext } from './command-context.ts';
import type { Database } from './db/database.ts';
import type { RowBuffer } from './db/row-buffer.ts';
import { conflict } from './errors.ts';
import type { FactReads } from './fact-reads.ts';
import { firstAnswer, hashRequest, idempotencyScope, rememberedKey } from './idempotency.ts';
import type { Changes, LedgerState } from './state.ts';

/** What the writer lends a command's planning. */
export interface PlanEnvironment {
  state: LedgerState;
  db: Database;
  /** The last seq committed: a replay's first answer is readable up to it. */
  committedSeq: bigint;
  /** The facts loaded for the command's batch (Command.reads). */
  reads: FactReads;
  /** Lets a commit in flight proceed (see the writer's yieldToCommit). */
  pace: () => Promise<void>;
}

/** Whether the command repeats an Idempotency-Key the writer remembers (then it runs nothing). */
export function isRepeat(state: LedgerState, command: Command): boolean {
  const key = command.idempotencyKey;
  return key !== undefined && state.idempotency.has(idempotencyScope(command.user, key));
}

export async function planCommand(
  command: Command,
  changes: Changes,
  rows: RowBuffer,
  env: PlanEnvironment,
): Promise<Outcome> {
  const key = command.idempotencyKey ?? randomUUID();
  const requestHash = hashRequest(command);
  const scope = idempotencyScope(command.user, key);
  const seen = rememberedKey(env.state.idempotency, scope, changes);
  if (seen) {
    if (seen.requestHash !== requestHash) {
      throw conflict(
        'idempotency_key_reused',
        'this Idempotency-Key was already used with a different request',
        'Idempotency-Key',
      );
    }
    return { status: seen.status, body: await firstAnswer(env.db, seen, env.committedSeq), replayed: true };
  }
  const { state, db, reads, pace } = env;
  const ctx = commandContext({
    state,
    db,
    changes,
    rows,
    user: command.user,
    idempotencyKey: key,
    reads,
    pace,
  });
  const result = await command.run(ctx);
  const body = JSON.stringify(result.recordedBody ?? result.body);
  const auditSeq = ctx.nextSeq();
  // A key the writer made up is never sent again: only the caller's keys are remembered.
  if (command.idempotencyKey !== undefined) {
    const record = { requestHash, status: result.status, auditSeq, recordedAtMs: Date.now() };
    changes.set(state.idempotency, scope, record);
  }
  rows.push('auditLog', {
    seq: auditSeq,
    command: command.name,
    user_name: command.user,
    idempotency_key: key,
    request_hash: requestHash,
    response_status: result.status,
    response_body: body,
    document_type: result.documentType ?? null,
    document_number: result.documentNumber ?? null,
    recorded_at: ctx.recordedAt,
  });
  const { recordedBody: _kept, ...answer } = result;
  return { ...answer, replayed: false };
}
