// What the writer takes and gives back: a command (checked against the state, then committed in a group)
// and its outcome.
import type { CommandContext } from './command-context.ts';
import type { FactRead } from './fact-reads.ts';

export interface CommandResult {
  status: number;
  body: unknown;
  /** What the audit log keeps and a replay returns, when it must differ from `body` (e.g. secrets). */
  recordedBody?: unknown;
  documentType?: string;
  documentNumber?: string;
}

export type CommitListener = (seq: bigint) => void;

export interface Outcome extends CommandResult {
  /** True when an earlier command with the same idempotency key and body answered this one. */
  replayed: boolean;
}

export interface Command {
  name: string;
  user: string;
  idempotencyKey?: string;
  /** Whatever identifies the request's content; hashed for idempotency. */
  request: unknown;
  /** Documents the command may post (a batch's item count), for the group's limit; 1 when left out. */
  documents?: number;
  /** The request is JSON as parsed (no bigints), so it serialises without a replacer. */
  requestIsJson?: boolean;
  /** Needs every earlier command committed first (it reads facts rather than the state). */
  exclusive?: boolean;
  /**
   * Reads (and writes) the facts of these keys only, e.g. `purchase-order:PO-2025-000001`: such a command
   * waits only for the uncommitted commands that share a key, and otherwise commits in a group like any
   * other. Every command that writes facts a keyed command reads names their key here.
   */
  keys?: readonly string[];
  /**
   * Facts of its keys the command reads (ctx.read): the writer loads them for all the commands it takes into a
   * group together, one query per source, instead of one query per command.
   */
  reads?: readonly FactRead[];
  run(ctx: CommandContext): CommandResult | Promise<CommandResult>;
}
