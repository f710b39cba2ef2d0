// The state changes of a sales order that people make: confirm (with the credit check), close and cancel.
// Which status each may start from is data (TRANSITIONS). A confirmation beyond the credit limit is refused
// (`credit_limit_exceeded`) unless a member of `sales` other than the order's creator, or admin, overrides;
// the override is its own event with the limit, the exposure and the reason.
import { todayIso } from '../dates.ts';
import { conflict, ErrorList, LedgerError } from '../errors.ts';
import { factRead } from '../fact-reads.ts';
import type { Actor } from '../finance/commands.ts';
import { formatMoney } from '../money.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { CREDIT_EXPOSURES } from './credit.ts';
import { checkDeclaredCustomer, customerKey, salesOrderKey } from './keys.ts';
import {
  appendSalesOrderEvent,
  readSalesOrder,
  SALES_ORDER_TYPE,
  SALES_ORDERS,
  type SalesOrderState,
  type SalesOrderStatus,
} from './order-state.ts';
import type { SalesOrderAction, SalesOrderActionInput } from './schema.ts';

export const SALES_TRANSITIONS: Record<
  SalesOrderAction,
  { from: readonly SalesOrderStatus[]; to: SalesOrderStatus }
> = {
  confirm: { from: ['draft'], to: 'confirmed' },
  close: { from: ['confirmed', 'partly_delivered', 'delivered', 'invoiced'], to: 'closed' },
  cancel: { from: ['draft', 'confirmed'], to: 'cancelled' },
};

const EVENT_OF: Record<SalesOrderAction, string> = {
  confirm: 'confirmed',
  close: 'closed',
  cancel: 'cancelled',
};
/** Roles whose members may override a credit limit (never on an order they raised themselves). */
export const CREDIT_OVERRIDE_ROLES: readonly string[] = ['sales', 'admin'];

export function salesOrderActionCommand(
  actor: Actor & { role: string },
  number: string,
  action: SalesOrderAction,
  input: SalesOrderActionInput,
  customer: string,
): Command {
  return {
    name: `sales_order.${action}`,
    user: actor.user,
    ...(actor.idempotencyKey === undefined ? {} : { idempotencyKey: actor.idempotencyKey }),
    request: { number, action, ...input },
    // Reads the order's facts and, to confirm, the customer's exposure; every action changes the order's
    // status, which the exposure of the customer's other confirmations reads.
    keys: [salesOrderKey(number), customerKey(customer)],
    reads: [
      factRead(SALES_ORDERS, number),
      ...(action === 'confirm' ? [factRead(CREDIT_EXPOSURES, customer)] : []),
    ],
    async run(ctx): Promise<CommandResult> {
      const order = await readSalesOrder(ctx, number, 'number');
      checkDeclaredCustomer(customer, order.customer, number);
      const transition = SALES_TRANSITIONS[action];
      if (!transition.from.includes(order.status)) {
        throw conflict(
          'invalid_status_transition',
          `order ${number} is ${order.status}; ${action} needs it ${transition.from.join(' or ')}`,
          'number',
        );
      }
      if (action === 'cancel' && order.lines.some((line) => line.shipped > 0n)) {
        throw conflict('order_has_deliveries', `order ${number} has shipments; close it instead`, 'number');
      }
      const date = input.date ?? todayIso(ctx.now);
      const credit = action === 'confirm' ? await checkCredit(ctx, actor, order, date, input) : undefined;
      appendSalesOrderEvent(ctx, number, date, {
        event: EVENT_OF[action],
        status: transition.to,
        reason: input.reason,
        ...(credit ? { credit } : {}),
      });
      const body = {
        id: number,
        number,
        status: transition.to,
        ...(credit
          ? { credit_limit: formatMoney(credit.limit), credit_exposure: formatMoney(credit.exposure) }
          : {}),
      };
      return { status: 200, body, documentType: SALES_ORDER_TYPE, documentNumber: number };
    },
  };
}

/** The credit check; returns the figures, records an override, or refuses the confirmation. */
async function checkCredit(
  ctx: CommandContext,
  actor: { user: string; role: string },
  order: SalesOrderState,
  date: string,
  input: SalesOrderActionInput,
) {
  const customer = ctx.state.masterData.customers.get(order.customer);
  const limit = customer?.creditLimit ?? 0n;
  const open = (await ctx.read(CREDIT_EXPOSURES, order.customer)) ?? { receivables: 0n, openOrders: 0n };
  const exposure = open.receivables + open.openOrders + order.gross;
  const credit = { limit, exposure };
  if (exposure <= limit) return credit;
  const message =
    `open receivables ${formatMoney(open.receivables)} + open orders ${formatMoney(open.openOrders)} + ` +
    `this order ${formatMoney(order.gross)} = ${formatMoney(exposure)}, above the limit ${formatMoney(limit)}`;
  if (!input.override_credit_limit) {
    const errors = new ErrorList();
    errors.add('override_credit_limit', 'credit_limit_exceeded', message);
    errors.throwIfAny(`order ${order.number} exceeds ${order.customer}'s credit limit`);
  }
  if (!CREDIT_OVERRIDE_ROLES.includes(actor.role)) {
    throw new LedgerError(
      'forbidden',
      'credit_override_role_required',
      'only sales or admin override a limit',
    );
  }
  if (actor.user === order.createdBy) {
    throw new LedgerError(
      'forbidden',
      'override_by_creator',
      'the one who raised an order cannot override its credit check',
    );
  }
  if (!input.reason) {
    const errors = new ErrorList();
    errors.add('reason', 'override_reason_required', 'say why the credit limit is overridden');
    errors.throwIfAny();
  }
  appendSalesOrderEvent(ctx, order.number, date, {
    event: 'credit_override',
    status: order.status,
    role: actor.role,
    reason: input.reason,
    credit,
  });
  return credit;
}
