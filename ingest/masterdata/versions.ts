// What every versioned master-data record shares: create once, then new versions whose validity starts no
// earlier than the previous one's; each version is a new fact row and a process event, never an update.
import { conflict, type ErrorList, notFound } from '../errors.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { CommandContext } from '../writer.ts';

export const MASTER_DATA_PROCESS = 'master_data';

export interface Versioned {
  version: number;
  validFrom: string;
}

/** The next version number: 1 for a create, previous + 1 for an update; refuses the wrong one. */
export function nextVersion(
  kind: string,
  key: string,
  existing: Versioned | undefined,
  isCreate: boolean,
  validFrom: string,
  errors: ErrorList,
): number {
  if (isCreate && existing) throw conflict(`${kind}_exists`, `${kind} ${key} exists; add a version`, 'code');
  if (!isCreate && !existing) throw notFound(`${kind}_not_found`, `no ${kind} ${key}`, 'code');
  if (existing && validFrom < existing.validFrom) {
    errors.add(
      'valid_from',
      'valid_from_before_previous_version',
      `version ${existing.version} is valid from ${existing.validFrom}; a new version cannot start earlier`,
    );
  }
  return (existing?.version ?? 0) + 1;
}

/** Checks that `code` names a postable account of `type`. */
export function checkAccountType(
  ctx: CommandContext,
  code: string,
  type: string,
  path: string,
  errors: ErrorList,
): void {
  const account = ctx.state.accounts.get(code);
  if (!account) errors.add(path, 'account_not_found', `account ${code} does not exist`);
  else if (account.isGroup) errors.add(path, 'account_not_postable', `account ${code} is a group`);
  else if (account.type !== type)
    errors.add(path, 'account_type_mismatch', `account ${code} is of type ${account.type}, not ${type}`);
}

export function appendVersionEvent(
  ctx: CommandContext,
  kind: string,
  key: string,
  version: number,
  validFrom: string,
): void {
  appendProcessEvent(ctx, {
    process: MASTER_DATA_PROCESS,
    caseId: `${kind}:${key}`,
    activity: version === 1 ? `${kind}_created` : `${kind}_versioned`,
    documentType: kind,
    documentNumber: key,
    postingDate: validFrom,
  });
}

export function provenance(ctx: CommandContext) {
  return { recorded_at: ctx.recordedAt, user_name: ctx.user, idempotency_key: ctx.idempotencyKey };
}
