// Raising a purchase order: lines priced (the item's purchase price unless given), expected dates from the
// lead time, a number from the series, and the approvals its total requires under the approval rules.
import { addDays } from '../dates.ts';
import { ErrorList } from '../errors.ts';
import type { Actor } from '../finance/commands.ts';
import { checkWarehouse, formatMicros, formatQuantity, lineItem, valueAt } from '../inventory/index.ts';
import { formatMoney } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { requiredApprovals } from './approval.ts';
import { P2P_PROCESS, PURCHASE_ORDER_TYPE } from './order-state.ts';
import type { PurchaseOrderInput } from './schema.ts';

export interface RaisedOrder {
  number: string;
  supplier: string;
  warehouse: string;
  net: bigint;
  requiredApprovals: string[];
}

export function purchaseOrderCommand(actor: Actor, input: PurchaseOrderInput): Command {
  return {
    name: 'purchase_order.create',
    ...actor,
    request: input,
    run(ctx): CommandResult {
      const errors = new ErrorList();
      const order = raiseOrder(ctx, input, errors, '');
      errors.throwIfAny('the purchase order cannot be raised');
      const raised = order as RaisedOrder;
      return {
        status: 201,
        body: orderRaisedJson(raised),
        documentType: PURCHASE_ORDER_TYPE,
        documentNumber: raised.number,
      };
    },
  };
}

export function orderRaisedJson(order: RaisedOrder) {
  return {
    id: order.number,
    number: order.number,
    status: 'draft',
    supplier: order.supplier,
    warehouse: order.warehouse,
    net_amount: formatMoney(order.net),
    required_approvals: order.requiredApprovals,
  };
}

function checkSupplier(ctx: CommandContext, code: string, path: string, errors: ErrorList): void {
  const supplier = ctx.state.masterData.suppliers.get(code);
  if (!supplier) errors.add(path, 'supplier_not_found', `no supplier ${code}`);
  else if (!supplier.isActive) errors.add(path, 'supplier_inactive', `supplier ${code} is no longer active`);
}

/** Checks and appends one order (header, lines, created event, process event); null when a rule is broken. */
export function raiseOrder(
  ctx: CommandContext,
  input: PurchaseOrderInput,
  errors: ErrorList,
  prefix: string,
): RaisedOrder | null {
  const mark = errors.items.length;
  checkSupplier(ctx, input.supplier, `${prefix}supplier`, errors);
  checkWarehouse(ctx, input.warehouse, `${prefix}warehouse`, errors);
  const lines = input.lines.map((line, index) => {
    const item = lineItem(ctx, line.item, undefined, `${prefix}lines.${index}`, errors);
    const price = line.unit_price ?? item?.purchasePrice ?? 0n;
    const expected = line.expected_date ?? addDays(input.date, item?.leadTimeDays ?? 0);
    if (expected < input.date) {
      errors.add(`${prefix}lines.${index}.expected_date`, 'expected_before_order', 'expected after ordering');
    }
    return { ...line, price, expected, amount: valueAt(line.quantity, price), category: item?.category };
  });
  if (errors.items.length > mark) return null;
  const number = assignNumber(ctx, PURCHASE_ORDER_TYPE, input.date).documentNumber;
  const net = lines.reduce((sum, line) => sum + line.amount, 0n);
  const categories = new Set(lines.map((line) => line.category ?? ''));
  const approvals = requiredApprovals({ total: net, categories }, ctx.state.approvalRules);
  const provenance = {
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  };
  ctx.rows.push('purchaseOrders', {
    seq: ctx.nextSeq(),
    document_type: PURCHASE_ORDER_TYPE,
    document_number: number,
    posting_date: input.date,
    supplier_code: input.supplier,
    warehouse_code: input.warehouse,
    currency: ctx.state.settings.currency,
    net_amount: formatMoney(net),
    required_approvals: approvals.join(','),
    memo: input.memo ?? null,
    ...provenance,
  });
  lines.forEach((line, index) => {
    ctx.rows.push('purchaseOrderLines', {
      seq: ctx.nextSeq(),
      document_type: PURCHASE_ORDER_TYPE,
      document_number: number,
      line_no: index + 1,
      posting_date: input.date,
      item_sku: line.item,
      quantity: formatQuantity(line.quantity),
      unit_price: formatMicros(line.price),
      line_amount: formatMoney(line.amount),
      expected_date: line.expected,
      ...provenance,
    });
  });
  appendOrderEvent(ctx, number, input.date, { event: 'created', status: 'draft' });
  return { number, supplier: input.supplier, warehouse: input.warehouse, net, requiredApprovals: approvals };
}

export interface OrderEvent {
  event: string;
  status: string;
  role?: string;
  reason?: string | undefined;
  /** The document that caused the change (a goods receipt), as type and number. */
  causedBy?: { type: string; number: string };
}

/** A state change of an order: its own fact and the process event of the procure-to-pay case. */
export function appendOrderEvent(ctx: CommandContext, number: string, date: string, event: OrderEvent): void {
  ctx.rows.push('purchaseOrderEvents', {
    seq: ctx.nextSeq(),
    document_type: PURCHASE_ORDER_TYPE,
    document_number: number,
    event: event.event,
    status: event.status,
    role: event.role ?? null,
    posting_date: date,
    reason: event.reason ?? null,
    caused_by_document: event.causedBy?.number ?? null,
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  });
  appendProcessEvent(ctx, {
    process: P2P_PROCESS,
    caseId: number,
    activity: `order_${event.event}`,
    documentType: event.causedBy?.type ?? PURCHASE_ORDER_TYPE,
    documentNumber: event.causedBy?.number ?? number,
    postingDate: date,
  });
}
