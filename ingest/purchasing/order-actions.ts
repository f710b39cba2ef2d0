// The state changes of a purchase order that people make: approve, send, close, cancel. Which status each
// may start from is data (TRANSITIONS); approvals follow the approval rules the order was raised under, one
// event per role, and whoever raised an order that needs approval cannot approve it (segregation of duties).
import { todayIso } from '../dates.ts';
import { conflict, LedgerError } from '../errors.ts';
import { factRead } from '../fact-reads.ts';
import type { Actor } from '../finance/commands.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import {
  type OrderState,
  type OrderStatus,
  orderKey,
  PURCHASE_ORDER_TYPE,
  PURCHASE_ORDERS,
  readOrder,
} from './order-state.ts';
import { appendOrderEvent } from './orders.ts';
import type { OrderAction, OrderActionInput } from './schema.ts';

export const TRANSITIONS: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  approve: { from: ['draft'], to: 'approved' },
  send: { from: ['approved'], to: 'sent' },
  close: { from: ['approved', 'sent', 'partly_received', 'received'], to: 'closed' },
  cancel: { from: ['draft', 'approved', 'sent'], to: 'cancelled' },
};

const EVENT_OF: Record<OrderAction, string> = {
  approve: 'approved',
  send: 'sent',
  close: 'closed',
  cancel: 'cancelled',
};

export function orderActionCommand(
  actor: Actor & { role: string },
  number: string,
  action: OrderAction,
  input: OrderActionInput,
): Command {
  return {
    name: `purchase_order.${action}`,
    user: actor.user,
    ...(actor.idempotencyKey === undefined ? {} : { idempotencyKey: actor.idempotencyKey }),
    request: { number, action, ...input },
    // Reads the order's facts: its status and the approvals given so far.
    keys: [orderKey(number)],
    reads: [factRead(PURCHASE_ORDERS, number)],
    async run(ctx): Promise<CommandResult> {
      const order = await readOrder(ctx, number, 'number');
      const transition = TRANSITIONS[action];
      if (!transition.from.includes(order.status)) {
        throw conflict(
          'invalid_status_transition',
          `order ${number} is ${order.status}; ${action} needs it ${transition.from.join(' or ')}`,
          'number',
        );
      }
      const date = input.date ?? todayIso(ctx.now);
      const missing = action === 'approve' ? approve(ctx, actor, order, date) : [];
      const status = missing.length > 0 ? order.status : transition.to;
      if (missing.length === 0) {
        appendOrderEvent(ctx, number, date, { event: EVENT_OF[action], status, reason: input.reason });
      }
      const body = { id: number, number, status, approvals_missing: missing };
      return { status: 200, body, documentType: PURCHASE_ORDER_TYPE, documentNumber: number };
    },
  };
}

/** Records the approvals this actor may give; returns the roles whose approval is still missing. */
function approve(
  ctx: CommandContext,
  actor: { user: string; role: string },
  order: OrderState,
  date: string,
): string[] {
  const remaining = order.requiredApprovals.filter((role) => !order.approvedRoles.has(role));
  if (remaining.length === 0) return [];
  if (actor.user === order.createdBy) {
    throw new LedgerError(
      'forbidden',
      'approver_is_creator',
      'the one who raised an order cannot approve it',
    );
  }
  const giving = actor.role === 'admin' ? remaining : remaining.filter((role) => role === actor.role);
  if (giving.length === 0) {
    throw new LedgerError(
      'forbidden',
      'approval_role_required',
      `order ${order.number} needs the approval of ${remaining.join(' and ')}`,
    );
  }
  for (const role of giving) {
    appendOrderEvent(ctx, order.number, date, { event: 'approval', status: order.status, role });
  }
  return remaining.filter((role) => !giving.includes(role));
}
